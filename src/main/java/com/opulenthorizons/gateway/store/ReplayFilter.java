package com.opulenthorizons.gateway.store;

import java.time.Instant;

/**
 * Which FAILED events to replay; each part optional (null).
 *
 * @param from events that occurred at or after this instant
 * @param to events that occurred before this instant
 */
public record ReplayFilter(String eventType, Instant from, Instant to) {
}
