package com.opulenthorizons.gateway.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.Properties;

import com.opulenthorizons.gateway.lead.BlockedIdentifiers;
import com.opulenthorizons.gateway.lead.ContactNormalizer;

/** The blocked identifiers as the gateway ships them (microprofile-config.properties), for tests without CDI. */
public final class ShippedBlocklist {

    private ShippedBlocklist() {
    }

    public static BlockedIdentifiers with(ContactNormalizer normalizer, String ownPhoneNumbers) {
        Properties shipped = new Properties();
        try (InputStream in = ShippedBlocklist.class.getResourceAsStream("/META-INF/microprofile-config.properties")) {
            shipped.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new BlockedIdentifiers(normalizer, shipped.getProperty("BLOCKED_EMAILS"),
                shipped.getProperty("BLOCKED_EMAIL_LOCAL_PARTS"), Optional.empty(), Optional.ofNullable(ownPhoneNumbers));
    }

    public static BlockedIdentifiers with(ContactNormalizer normalizer) {
        return with(normalizer, null);
    }
}
