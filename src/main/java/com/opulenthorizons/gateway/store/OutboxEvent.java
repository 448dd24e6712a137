package com.opulenthorizons.gateway.store;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** An event claimed for delivery, with the attempts made so far. */
public record OutboxEvent(UUID id, UUID ohid, String eventType, Map<String, Object> payload, Instant occurredAt,
        String sourceSystem, String correlationId, int attempts) {
}
