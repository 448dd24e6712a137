package com.opulenthorizons.gateway.store;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A row of {@code workflow_event}. */
public record StoredEvent(
        UUID id,
        UUID ohid,
        String eventType,
        Map<String, Object> payload,
        Instant occurredAt,
        String sourceSystem,
        String correlationId,
        DeliveryStatus deliveryStatus,
        int deliveryAttempts,
        String lastError) {
}
