package com.opulenthorizons.gateway.lead;

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
}
