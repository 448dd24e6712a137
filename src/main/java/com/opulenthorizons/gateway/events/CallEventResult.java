package com.opulenthorizons.gateway.events;

import java.util.UUID;

import com.opulenthorizons.gateway.common.Description;
import com.opulenthorizons.gateway.store.WorkflowEventType;

import jakarta.validation.constraints.NotNull;

/** {@code {event_id, event_type, accepted: true}} */
public record CallEventResult(
        @Description("The stored workflow event's id") @NotNull UUID eventId,
        @Description("The workflow event type") @NotNull EventType eventType,
        @Description("Always true") boolean accepted) {

    /** The workflow event types a call event can become. */
    public enum EventType {
        CallReceived, CallCompleted;

        static EventType of(WorkflowEventType type) {
            return valueOf(type.name());
        }
    }
}
