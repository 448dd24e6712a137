package com.opulenthorizons.gateway.store;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The workflow events seen as an outbox. Claims are leases: a claimed event is invisible to
 * other claimers (other replicas too) until its lease ends, so a replica that dies mid-delivery
 * only delays the event. Each claim carries a fresh lease token, and only an update that presents
 * the event's current token changes it: a sender whose lease ran out and whose event was claimed
 * again meanwhile changes nothing, and is told so by a {@code false} answer.
 */
public interface EventOutbox {

    /**
     * Up to {@code max} pending events whose next attempt is due, leased for {@code lease} under
     * one new token. Only the oldest pending event of an OHID is handed out (by {@code occurred_at}):
     * the next one waits until it is delivered or FAILED, so one person's events go in order.
     */
    List<OutboxEvent> claimDue(int max, Duration lease);

    /**
     * Records, in one update, that the webhook accepted these events of one claim (one more attempt
     * each); answers those it recorded: the others' lease is no longer {@code leaseToken}'s.
     */
    Set<UUID> markDelivered(UUID leaseToken, Collection<UUID> eventIds);

    /** Records a failed attempt, to be tried again at {@code nextAttempt}; false when the lease is lost. */
    boolean markRetry(UUID eventId, UUID leaseToken, int attempts, Instant nextAttempt, String error);

    /**
     * Makes every pending event that waits for a later retry (attempted before, not leased) due now,
     * and answers how many. For the end of a pause: the receiver is back, so the backoff that spared
     * it no longer helps, and the backlog should not wait hours for its scheduled attempts.
     */
    int hurryRetries();

    /** Records the last failed attempt: the event stays FAILED, with its error; false when the lease is lost. */
    boolean markFailed(UUID eventId, UUID leaseToken, int attempts, String error);

    /** Pending, delivered and failed events; counts the whole table, so not for frequent probes. */
    DeliveryCounts deliveryCounts();

    /** Pending and failed events only, from partial indexes: for readiness probes. */
    DeliveryBacklog deliveryBacklog();
}
