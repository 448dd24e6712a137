package com.opulenthorizons.gateway.store;

import java.time.Instant;
import java.util.UUID;

/**
 * A workflow event as list_events shows it.
 *
 * @param nextAttemptAt when a PENDING event is attempted next; null for the other statuses
 */
public record ListedEvent(UUID id, String eventType, UUID ohid, DeliveryStatus status, int attempts, String lastError,
        Instant occurredAt, Instant nextAttemptAt) {
}
