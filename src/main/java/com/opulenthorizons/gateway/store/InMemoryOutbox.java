package com.opulenthorizons.gateway.store;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The in-memory store's workflow events; the order in which pending ones may be sent is kept by
 * {@link InMemoryDeliveryQueue}, so a claim takes only what is due. Delivered events are kept up to
 * {@code deliveredHistory}, the oldest delivered dropped first; pending and failed ones are kept.
 * <p>
 * Thread-safe: every method holds this object's lock, which is never held while another is taken.
 */
final class InMemoryOutbox implements EventOutbox, EventLog {

    private final int deliveredHistory;
    /** Read and changed under this object's lock, also by {@link InMemoryPersonEvents}. */
    final Map<UUID, InMemoryEventRow> events = new LinkedHashMap<>();
    private final Map<String, UUID> eventByDedupKey = new HashMap<>();
    final InMemoryDeliveryQueue queue = new InMemoryDeliveryQueue();
    /** Delivered event ids, oldest delivery first. */
    private final LinkedHashSet<UUID> delivered = new LinkedHashSet<>();
    private long sequence;
    private final InMemoryPersonEvents people = new InMemoryPersonEvents(this);

    InMemoryOutbox(int deliveredHistory) {
        if (deliveredHistory < 0) {
            throw new IllegalArgumentException("MEMORY_DELIVERED_HISTORY must be 0 or more");
        }
        this.deliveredHistory = deliveredHistory;
    }

    /** The events seen per person. */
    InMemoryPersonEvents people() {
        return people;
    }

    /** The id of the event stored under {@code dedupKey}, if any. */
    synchronized Optional<UUID> byDedupKey(String dedupKey) {
        return Optional.ofNullable(eventByDedupKey.get(dedupKey));
    }

    synchronized void add(StoredEvent event, String dedupKey) {
        InMemoryEventRow row = new InMemoryEventRow(event, dedupKey, sequence++);
        events.put(event.id(), row);
        if (dedupKey != null) {
            eventByDedupKey.put(dedupKey, event.id());
        }
        queue.add(row);
    }

    synchronized Optional<StoredEvent> find(UUID eventId) {
        return Optional.ofNullable(events.get(eventId)).map(InMemoryEventRow::snapshot);
    }

    synchronized int size() {
        return events.size();
    }

    @Override
    public synchronized List<OutboxEvent> claimDue(int max, Duration lease) {
        Instant now = Instant.now();
        UUID token = UUID.randomUUID();
        List<InMemoryEventRow> taken = queue.takeDue(max, now);
        List<OutboxEvent> claimed = new ArrayList<>(taken.size());
        for (InMemoryEventRow row : taken) {
            row.leaseUntil = now.plus(lease);
            row.leaseToken = token;
            queue.refresh(row);
            StoredEvent e = row.event;
            claimed.add(new OutboxEvent(e.id(), e.ohid(), e.eventType(), e.payload(), e.occurredAt(), e.sourceSystem(),
                    e.correlationId(), row.attempts, token, row.retryFrom, row.createdIn));
        }
        return claimed;
    }

    /** The event, when {@code leaseToken} holds it and it is still pending; null otherwise. */
    private InMemoryEventRow heldBy(UUID eventId, UUID leaseToken) {
        InMemoryEventRow row = events.get(eventId);
        boolean held = row != null && row.status == DeliveryStatus.PENDING && row.leaseToken != null
                && row.leaseToken.equals(leaseToken);
        return held ? row : null;
    }

    private static void release(InMemoryEventRow row, int attempts, String error) {
        row.attempts = attempts;
        row.leaseUntil = null;
        row.leaseToken = null;
        row.lastError = error;
    }

    @Override
    public synchronized Set<UUID> markDelivered(UUID leaseToken, Collection<UUID> eventIds) {
        Set<UUID> recorded = new HashSet<>();
        for (UUID eventId : eventIds) {
            InMemoryEventRow row = heldBy(eventId, leaseToken);
            if (row != null) {
                queue.settle(row);
                row.status = DeliveryStatus.DELIVERED;
                release(row, row.attempts + 1, null);
                delivered.add(eventId);
                recorded.add(eventId);
            }
        }
        forgetOldestDelivered();
        notifyAll(); // an erasure may wait for these outcomes
        return recorded;
    }

    private void forgetOldestDelivered() {
        Iterator<UUID> oldestFirst = delivered.iterator();
        while (delivered.size() > deliveredHistory) {
            InMemoryEventRow row = events.remove(oldestFirst.next());
            oldestFirst.remove();
            if (row != null && row.dedupKey != null) {
                eventByDedupKey.remove(row.dedupKey);
            }
        }
    }

    @Override
    public synchronized boolean markRetry(UUID eventId, UUID leaseToken, int attempts, Instant nextAttempt, String error) {
        InMemoryEventRow row = heldBy(eventId, leaseToken);
        if (row == null) {
            return false;
        }
        boolean wasSendable = queue.withdraw(row);
        release(row, attempts, error);
        row.nextAttempt = nextAttempt;
        if (wasSendable) {
            queue.refresh(row);
        }
        notifyAll();
        return true;
    }

    @Override
    public synchronized int hurryRetries() {
        return queue.hurryRetries(Instant.now());
    }

    @Override
    public synchronized boolean markFailed(UUID eventId, UUID leaseToken, int attempts, String error) {
        InMemoryEventRow row = heldBy(eventId, leaseToken);
        if (row == null) {
            return false;
        }
        queue.settle(row);
        row.status = DeliveryStatus.FAILED;
        release(row, attempts, error);
        notifyAll();
        return true;
    }

    @Override
    public synchronized EventPage listEvents(EventQuery query) {
        List<InMemoryEventRow> newestFirst = new ArrayList<>(events.values());
        Collections.reverse(newestFirst);
        List<ListedEvent> rows = new ArrayList<>();
        for (InMemoryEventRow row : newestFirst) {
            if (rows.size() > query.limit()) {
                break;
            }
            StoredEvent e = row.event;
            boolean matches = (query.status() == null || row.status == query.status())
                    && (query.eventType() == null || query.eventType().equals(e.eventType()))
                    && (query.ohid() == null || query.ohid().equals(e.ohid()))
                    && row.occurredBetween(query.from(), query.to())
                    && (query.after() == null || query.after().isBefore(e.occurredAt(), e.id()));
            if (matches) {
                rows.add(row.listed());
            }
        }
        return EventPage.of(rows, query.limit());
    }

    @Override
    public synchronized int replay(Collection<UUID> eventIds) {
        Instant now = Instant.now();
        int replayed = 0;
        for (UUID id : new HashSet<>(eventIds)) {
            InMemoryEventRow row = events.get(id);
            if (row != null && requeue(row, now)) {
                replayed++;
            }
        }
        return replayed;
    }

    @Override
    public synchronized int replay(ReplayFilter filter) {
        Instant now = Instant.now();
        int replayed = 0;
        for (InMemoryEventRow row : events.values()) {
            boolean matches = row.status == DeliveryStatus.FAILED
                    && (filter.eventType() == null || filter.eventType().equals(row.event.eventType()))
                    && row.occurredBetween(filter.from(), filter.to());
            if (matches && requeue(row, now)) {
                replayed++;
            }
        }
        return replayed;
    }

    private boolean requeue(InMemoryEventRow row, Instant now) {
        if (!row.requeue(now)) {
            return false;
        }
        delivered.remove(row.event.id());
        queue.add(row);
        return true;
    }

    @Override
    public DeliveryBacklog deliveryBacklog() {
        DeliveryCounts counts = deliveryCounts();
        return new DeliveryBacklog(counts.pending(), counts.failed());
    }

    @Override
    public synchronized DeliveryCounts deliveryCounts() {
        long pending = 0;
        long failed = 0;
        for (InMemoryEventRow row : events.values()) {
            if (row.status == DeliveryStatus.PENDING) {
                pending++;
            } else if (row.status == DeliveryStatus.FAILED) {
                failed++;
            }
        }
        return new DeliveryCounts(pending, delivered.size(), failed);
    }
}
