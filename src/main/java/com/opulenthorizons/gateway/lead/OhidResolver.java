package com.opulenthorizons.gateway.lead;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The identity rule. A lead belongs to the person of the newest earlier lead with the same email;
 * failing that, with the same phone; failing both, it starts a new person.
 * <p>
 * When the email points at one OHID and the phone at another, the email wins: an email is
 * personal, while phones are shared (households, office switchboards) and get recycled. The two
 * OHIDs are not merged.
 * <p>
 * This is the rule's one home in Java: the in-memory store and {@link LeadIngestService#lookup}
 * call it. PostgreSQL applies it inside the ingest transaction, in the {@code gateway_ingest_lead_and_consent}
 * function (sql/V5), which mirrors it; the store contract tests hold both stores to it.
 */
@ApplicationScoped
public class OhidResolver {

    /** The existing OHID for these keys, if any. */
    public Optional<UUID> find(ContactKeys keys, OhidLookup lookup) {
        if (keys.email() != null) {
            Optional<UUID> byEmail = lookup.byEmail(keys.email());
            if (byEmail.isPresent()) {
                return byEmail;
            }
        }
        if (keys.phone() != null) {
            return lookup.byPhone(keys.phone());
        }
        return Optional.empty();
    }

    /** The existing OHID for these keys, or a new random one. */
    public UUID resolve(ContactKeys keys, OhidLookup lookup) {
        return find(keys, lookup).orElseGet(UUID::randomUUID);
    }
}
