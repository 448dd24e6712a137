package com.opulenthorizons.gateway.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.StringJoiner;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.opulenthorizons.gateway.common.CommaSeparated;

/**
 * Signs workflow deliveries the Standard Webhooks way (standardwebhooks.com): the
 * {@code webhook-signature} header holds {@code v1,<base64 HMAC-SHA256 of id.timestamp.body>},
 * one per signing key, space-separated, so that a receiver can verify with the old or the new
 * key while a secret is rotated.
 */
public final class StandardWebhooksSigner {

    /** The setting that holds the secrets; named in errors, never its value. */
    static final String SETTING = "WEBHOOK_SIGNING_SECRET";
    private static final String PREFIX = "whsec_";

    private final List<SecretKeySpec> keys;

    private StandardWebhooksSigner(List<SecretKeySpec> keys) {
        this.keys = keys;
    }

    /**
     * The signer of a comma-separated list of {@code whsec_<base64 key>} secrets.
     *
     * @throws IllegalArgumentException when a secret is malformed; the message says which one by
     *         position, never by value
     */
    public static StandardWebhooksSigner of(String secrets) {
        List<String> values = CommaSeparated.values(secrets);
        if (values.isEmpty()) {
            throw new IllegalArgumentException(SETTING + " is set but holds no secret");
        }
        List<SecretKeySpec> keys = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            keys.add(new SecretKeySpec(key(values.get(i), i + 1, values.size()), "HmacSHA256"));
        }
        return new StandardWebhooksSigner(List.copyOf(keys));
    }

    private static byte[] key(String secret, int position, int count) {
        String which = SETTING + " (secret " + position + " of " + count + ")";
        if (!secret.startsWith(PREFIX)) {
            throw new IllegalArgumentException(which + " does not start with whsec_: expected whsec_<base64 key>");
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(secret.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            // The decoder's message quotes the offending character: not passed on.
            throw new IllegalArgumentException(which + " is not whsec_ followed by standard base64");
        }
        if (key.length < 16) {
            throw new IllegalArgumentException(which + " has a key of " + key.length + " bytes; at least 16 are needed");
        }
        return key;
    }

    /** How many keys sign each delivery. */
    public int keyCount() {
        return keys.size();
    }

    /** The {@code webhook-signature} value: {@code v1,<base64>} per key, space-separated. */
    public String signature(String webhookId, long unixSeconds, byte[] body) {
        byte[] prefix = (webhookId + "." + unixSeconds + ".").getBytes(StandardCharsets.UTF_8);
        StringJoiner header = new StringJoiner(" ");
        for (SecretKeySpec key : keys) {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(key);
                mac.update(prefix);
                header.add("v1," + Base64.getEncoder().encodeToString(mac.doFinal(body)));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 is unavailable in this JVM", e);
            }
        }
        return header.toString();
    }

    @Override
    public String toString() {
        return "StandardWebhooksSigner[" + keys.size() + " keys]";
    }
}
