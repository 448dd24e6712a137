package com.opulenthorizons.gateway.lead;

import java.util.Optional;
import java.util.UUID;

/**
 * Read access to existing identities, as seen by one store (inside its ingest transaction when
 * called from {@link LeadRepository#ingest}).
 */
public interface OhidLookup {

    /** The OHID of the newest lead with this normalised email. */
    Optional<UUID> byEmail(String email);

    /** The OHID of the newest lead with this E.164 phone. */
    Optional<UUID> byPhone(String phone);
}
