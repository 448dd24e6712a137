package com.opulenthorizons.gateway.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * The in-memory outbox's events seen per person: a person's timeline, and the changes a merge and an
 * erasure make to their events. Every method holds the {@link InMemoryOutbox}'s lock.
 */
final class InMemoryPersonEvents {

    private final InMemoryOutbox outbox;

    InMemoryPersonEvents(InMemoryOutbox outbox) {
        this.outbox = outbox;
    }

    /** One person's events (with payloads), newest first, older than {@code after} when given. */
    List<StoredEvent> eventsOf(UUID ohid, EventCursor after, int max) {
        synchronized (outbox) {
            List<StoredEvent> found = new ArrayList<>();
            List<InMemoryEventRow> newestFirst = new ArrayList<>(outbox.events.values());
            Collections.reverse(newestFirst);
            for (InMemoryEventRow row : newestFirst) {
                StoredEvent e = row.event;
                if (found.size() < max && ohid.equals(e.ohid()) && (after == null || after.isBefore(e.occurredAt(), e.id()))) {
                    found.add(row.snapshot());
                }
            }
            return found;
        }
    }

    /** A merge: every event of {@code from} is {@code to}'s now, pending ones in {@code to}'s line. */
    void reassign(UUID from, UUID to) {
        synchronized (outbox) {
            for (InMemoryEventRow row : outbox.events.values()) {
                if (from.equals(row.event.ohid())) {
                    boolean pending = row.status == DeliveryStatus.PENDING;
                    if (pending) {
                        outbox.queue.settle(row);
                    }
                    StoredEvent e = row.event;
                    row.event = new StoredEvent(e.id(), to, e.eventType(), e.payload(), e.occurredAt(), e.sourceSystem(),
                            e.correlationId(), e.deliveryStatus(), e.deliveryAttempts(), e.lastError());
                    if (pending) {
                        outbox.queue.add(row);
                    }
                }
            }
        }
    }

    /**
     * An erasure: the payloads of {@code ohid}'s events, and of events without a person that match,
     * become {@code redacted}, once no sender holds one of them (a sender holds the payload it claimed):
     * waits for their outcomes, or their leases' end, up to {@code maxWaitMs}.
     */
    void redactWhenUnclaimed(UUID ohid, Predicate<StoredEvent> unlinkedMatch, Map<String, Object> redacted,
            long maxWaitMs) {
        synchronized (outbox) {
            long deadline = System.currentTimeMillis() + maxWaitMs;
            List<InMemoryEventRow> rows = new ArrayList<>();
            while (true) {
                rows.clear();
                outbox.events.values().stream()
                        .filter(r -> ohid.equals(r.event.ohid()) || (r.event.ohid() == null && unlinkedMatch.test(r.event)))
                        .forEach(rows::add);
                Instant now = Instant.now();
                if (rows.stream().noneMatch(r -> r.status == DeliveryStatus.PENDING && r.leaseToken != null
                        && r.leaseUntil.isAfter(now))) {
                    break;
                }
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    throw PersonStateException.deliveryInFlight(ohid);
                }
                try {
                    outbox.wait(Math.min(left, 20)); // woken by an outcome; a lease's end is checked every 20 ms
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw PersonStateException.deliveryInFlight(ohid);
                }
            }
            for (InMemoryEventRow row : rows) {
                StoredEvent e = row.event;
                row.event = new StoredEvent(e.id(), e.ohid(), e.eventType(), redacted, e.occurredAt(), e.sourceSystem(),
                        e.correlationId(), e.deliveryStatus(), e.deliveryAttempts(), null);
                row.lastError = null;
            }
        }
    }

    /** Whether a call event of {@code ohid} occurred at or after {@code since}. */
    boolean hasCallAtOrAfter(UUID ohid, Instant since) {
        synchronized (outbox) {
            return outbox.events.values().stream().map(r -> r.event).anyMatch(e -> ohid.equals(e.ohid())
                    && !e.occurredAt().isBefore(since) && WorkflowEventType.isCall(e.eventType()));
        }
    }
}
