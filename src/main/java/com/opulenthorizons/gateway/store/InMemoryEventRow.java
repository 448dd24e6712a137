package com.opulenthorizons.gateway.store;

import java.time.Instant;
import java.util.UUID;

import com.opulenthorizons.gateway.telemetry.TraceHeaders;

/**
 * An event of {@link InMemoryLeadStore} with its delivery state, which changes as deliveries are
 * attempted; read and changed only under the store's lock.
 */
final class InMemoryEventRow {

    /** Replaced only by a merge (new OHID) or an erasure (redacted payload), under the lock. */
    StoredEvent event;
    DeliveryStatus status = DeliveryStatus.PENDING;
    int attempts;
    Instant nextAttempt;
    Instant leaseUntil;
    UUID leaseToken;
    String lastError;
    Instant retryFrom;
    /** The sender's identity of this delivery, or null. */
    final String dedupKey;
    /** Its place among events that become available at the same instant. */
    final long sequence;
    /** When it can be claimed: its next attempt, or the end of its lease. */
    Instant availableAt;
    /** The trace that was active when the event was stored, or null. */
    final TraceHeaders createdIn = TraceHeaders.current().orElse(null);

    InMemoryEventRow(StoredEvent event, String dedupKey, long sequence) {
        this.event = event;
        this.dedupKey = dedupKey;
        this.sequence = sequence;
        this.nextAttempt = event.occurredAt();
        this.retryFrom = event.occurredAt();
    }

    ListedEvent listed() {
        return new ListedEvent(event.id(), event.eventType(), event.ohid(), status, attempts, lastError, event.occurredAt(),
                status == DeliveryStatus.PENDING ? nextAttempt : null);
    }

    /** Queued again as if new, its retry window starting now; only a FAILED or DELIVERED event. */
    boolean requeue(Instant now) {
        if (status != DeliveryStatus.FAILED && status != DeliveryStatus.DELIVERED) {
            return false;
        }
        status = DeliveryStatus.PENDING;
        attempts = 0;
        nextAttempt = now;
        retryFrom = now;
        leaseUntil = null;
        leaseToken = null;
        return true;
    }

    boolean occurredBetween(Instant from, Instant to) {
        return (from == null || !event.occurredAt().isBefore(from)) && (to == null || event.occurredAt().isBefore(to));
    }

    StoredEvent snapshot() {
        return new StoredEvent(event.id(), event.ohid(), event.eventType(), event.payload(), event.occurredAt(),
                event.sourceSystem(), event.correlationId(), status, attempts, lastError);
    }
}
