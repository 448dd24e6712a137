package com.opulenthorizons.gateway.store;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A row of {@code lead_context}. The PostgreSQL store's people reads (get_person, search_leads)
 * load its {@code payload} without {@code raw_payload}, which no view of a lead shows.
 */
public record StoredLead(
        UUID id,
        UUID ohid,
        String sourceSystem,
        String sourceLeadId,
        String channel,
        Map<String, Object> payload,
        Map<String, Object> consent,
        Instant createdAt) {
}
