package com.opulenthorizons.gateway.lead;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A lead ready to be stored: the row of {@code lead_context} minus the OHID, which the store
 * resolves inside its transaction, plus the payload and correlation id of its
 * {@code LeadIngested} event.
 */
public record NewLead(
        UUID ingestId,
        SourceSystem sourceSystem,
        String sourceLeadId,
        Channel channel,
        ContactKeys contacts,
        Map<String, Object> payload,
        Map<String, Object> consent,
        Map<String, Object> eventPayload,
        String correlationId) {

    /** Whether this lead's {@code marketing_consent} is a grant. */
    public boolean grantsConsent() {
        return consent != null && Boolean.TRUE.equals(consent.get("marketing_consent"));
    }

    /**
     * The payload of the {@code ConsentChanged} event the store sends when this lead changes the
     * person's current consent (or is their first entry): record_consent's shape ({@code state},
     * {@code source}, and {@code via} and {@code caller} as the lead's event has them). No ingest id: consumers
     * take an {@code ingest_id} for a LeadIngested event's.
     */
    public Map<String, Object> consentEventPayload() {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("state", grantsConsent() ? "GRANTED" : "NOT_GIVEN");
        payload.put("source", consent == null ? null : consent.get("consent_source"));
        for (String key : new String[] {"via", "caller"}) {
            if (eventPayload != null && eventPayload.get(key) != null) {
                payload.put(key, eventPayload.get(key));
            }
        }
        return payload;
    }
}
