package com.opulenthorizons.gateway.store;

import java.util.Map;
import java.util.UUID;

/** A row for {@code workflow_event}; {@code ohid} may be null when no person is known. */
public record NewWorkflowEvent(UUID id, UUID ohid, String eventType, Map<String, Object> payload, String sourceSystem) {
}
