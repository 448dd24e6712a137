package com.opulenthorizons.gateway.store;

import java.util.Map;
import java.util.UUID;

/**
 * A row for {@code workflow_event}.
 *
 * @param ohid the person, or null when none is known
 * @param dedupKey the sender's identity of this delivery (e.g. CloudTalk call id and event), or
 *     null; an event whose key is already stored is not stored again
 * @param correlationId the correlation id of the work that produced the event
 */
public record NewWorkflowEvent(UUID id, UUID ohid, String eventType, Map<String, Object> payload, String sourceSystem,
        String dedupKey, String correlationId) {
}
