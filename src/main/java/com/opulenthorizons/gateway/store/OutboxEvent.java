package com.opulenthorizons.gateway.store;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * An event claimed for delivery, with the attempts made so far.
 *
 * @param leaseToken the claim's token: only an update that presents it changes the event
 * @param retryFrom when the event's retry window began: when it occurred, or its last replay
 */
public record OutboxEvent(UUID id, UUID ohid, String eventType, Map<String, Object> payload, Instant occurredAt,
        String sourceSystem, String correlationId, int attempts, UUID leaseToken, Instant retryFrom) {
}
