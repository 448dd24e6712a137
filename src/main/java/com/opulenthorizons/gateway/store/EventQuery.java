package com.opulenthorizons.gateway.store;

import java.time.Instant;
import java.util.UUID;

/**
 * Which workflow events to list, newest first; every filter is optional (null).
 *
 * @param from events that occurred at or after this instant
 * @param to events that occurred before this instant
 * @param after the cursor of the previous page: only events older than it
 * @param limit the page size, 1 or more
 */
public record EventQuery(DeliveryStatus status, String eventType, UUID ohid, Instant from, Instant to, EventCursor after,
        int limit) {

    public EventQuery {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be 1 or more");
        }
    }
}
