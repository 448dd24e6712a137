package com.opulenthorizons.gateway.webhook;

import java.util.UUID;

import com.opulenthorizons.gateway.common.Description;
import com.opulenthorizons.gateway.store.DeliveryStatus;
import com.opulenthorizons.gateway.store.ListedEvent;

/** One workflow event as list_events shows it. */
public record ListedEventItem(
        @Description("The event id (webhook-id and event_id of its deliveries)") UUID id,
        @Description("The event type") String type,
        @Description("The person, when the event has one") UUID ohid,
        @Description("Where its delivery stands") DeliveryStatus status,
        @Description("Delivery attempts so far (since its last replay)") int attempts,
        @Description("Why the last attempt failed, when it did") String lastError,
        @Description("When it occurred, ISO-8601") String occurredAt,
        @Description("When a PENDING event is attempted next, ISO-8601") String nextAttemptAt) {

    static ListedEventItem of(ListedEvent e) {
        return new ListedEventItem(e.id(), e.eventType(), e.ohid(), e.status(), e.attempts(), e.lastError(),
                e.occurredAt().toString(), e.nextAttemptAt() == null ? null : e.nextAttemptAt().toString());
    }
}
