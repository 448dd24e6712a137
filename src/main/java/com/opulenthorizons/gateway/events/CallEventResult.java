package com.opulenthorizons.gateway.events;

import java.util.UUID;

import com.opulenthorizons.gateway.store.WorkflowEventType;

/** {@code {event_id, event_type, accepted: true}} */
public record CallEventResult(UUID eventId, WorkflowEventType eventType, boolean accepted) {
}
