package com.opulenthorizons.gateway.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The workflow events seen as an outbox. Claims are leases: a claimed event is invisible to
 * other claimers (other replicas too) until its lease ends, so a replica that dies mid-delivery
 * only delays the event.
 */
public interface EventOutbox {

    /** Up to {@code max} pending events whose next attempt is due, leased for {@code lease}. */
    List<OutboxEvent> claimDue(int max, Duration lease);

    /** Records the attempt that the webhook accepted. */
    void markDelivered(UUID eventId, int attempts);

    /** Records a failed attempt; the event is tried again at {@code nextAttempt}. */
    void markRetry(UUID eventId, int attempts, Instant nextAttempt, String error);

    /** Records the last failed attempt: the event stays FAILED, with its error. */
    void markFailed(UUID eventId, int attempts, String error);

    /** Pending, delivered and failed events; counts the whole table, so not for frequent probes. */
    DeliveryCounts deliveryCounts();

    /** Pending and failed events only, from partial indexes: for readiness probes. */
    DeliveryBacklog deliveryBacklog();
}
