package com.opulenthorizons.gateway.store;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.opulenthorizons.gateway.telemetry.TraceHeaders;

/**
 * An event claimed for delivery, with the attempts made so far.
 *
 * @param leaseToken the claim's token: only an update that presents it changes the event
 * @param retryFrom when the event's retry window began: when it occurred, or its last replay
 * @param createdIn the trace the event was created in, or null when none was active
 */
public record OutboxEvent(UUID id, UUID ohid, String eventType, Map<String, Object> payload, Instant occurredAt,
        String sourceSystem, String correlationId, int attempts, UUID leaseToken, Instant retryFrom, TraceHeaders createdIn) {

    /** An event created outside any trace. */
    public OutboxEvent(UUID id, UUID ohid, String eventType, Map<String, Object> payload, Instant occurredAt,
            String sourceSystem, String correlationId, int attempts, UUID leaseToken, Instant retryFrom) {
        this(id, ohid, eventType, payload, occurredAt, sourceSystem, correlationId, attempts, leaseToken, retryFrom, null);
    }

    public Optional<TraceHeaders> trace() {
        return Optional.ofNullable(createdIn);
    }
}
