package com.opulenthorizons.gateway.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The order in which the in-memory store's pending events may be sent: each OHID's events one at a
 * time, as they happened, and among the events that may go next, the one available soonest. A
 * claim takes only what is due, without scanning every event.
 * <p>
 * Not thread-safe: {@link InMemoryOutbox} uses it under its own lock.
 */
final class InMemoryDeliveryQueue {

    /** Order of one OHID's pending events: as they happened. */
    private static final Comparator<InMemoryEventRow> OCCURRED = Comparator
            .comparing((InMemoryEventRow r) -> r.event.occurredAt()).thenComparing(r -> r.event.id().toString());
    /** Order of the sendable events: when each becomes available, then as they came. */
    private static final Comparator<InMemoryEventRow> AVAILABLE = Comparator
            .comparing((InMemoryEventRow r) -> r.availableAt).thenComparingLong(r -> r.sequence);

    private final Map<UUID, TreeSet<InMemoryEventRow>> pendingByOhid = new HashMap<>();
    /** Rows are taken out before their availableAt changes: it is part of their place. */
    private final TreeSet<InMemoryEventRow> sendable = new TreeSet<>(AVAILABLE);

    /** A pending row joins its OHID's line, and is sendable when it is first in it. */
    void add(InMemoryEventRow row) {
        if (row.event.ohid() == null) {
            refresh(row);
            return;
        }
        TreeSet<InMemoryEventRow> line = pendingByOhid.computeIfAbsent(row.event.ohid(), k -> new TreeSet<>(OCCURRED));
        InMemoryEventRow formerFirst = line.isEmpty() ? null : line.first();
        line.add(row);
        if (line.first() == row) {
            // A replayed older event goes first again; one in flight still settles as usual.
            if (formerFirst != null) {
                sendable.remove(formerFirst);
            }
            refresh(row);
        }
    }

    /** A sendable row takes its place again after its next attempt or lease changed. */
    void refresh(InMemoryEventRow row) {
        if (row.availableAt != null) {
            sendable.remove(row);
        }
        row.availableAt = row.leaseUntil != null && row.leaseUntil.isAfter(row.nextAttempt) ? row.leaseUntil : row.nextAttempt;
        sendable.add(row);
    }

    /** Takes the row out of the sendable set, before its timing changes; whether it was in it. */
    boolean withdraw(InMemoryEventRow row) {
        return sendable.remove(row);
    }

    /** Up to {@code max} rows available at {@code now}, soonest first, taken out of the sendable set. */
    List<InMemoryEventRow> takeDue(int max, Instant now) {
        List<InMemoryEventRow> taken = new ArrayList<>();
        while (taken.size() < max && !sendable.isEmpty() && !sendable.first().availableAt.isAfter(now)) {
            taken.add(sendable.pollFirst());
        }
        return taken;
    }

    /** Every sendable row waiting for a later retry (attempted, not leased) becomes available at {@code now}; how many. */
    int hurryRetries(Instant now) {
        List<InMemoryEventRow> waiting = sendable.stream()
                .filter(r -> r.availableAt.isAfter(now) && r.leaseUntil == null && r.attempts > 0).toList();
        for (InMemoryEventRow row : waiting) {
            sendable.remove(row);
            row.nextAttempt = now;
            refresh(row);
        }
        return waiting.size();
    }

    /** A settled row leaves the queue, and the next event of its OHID becomes sendable. */
    void settle(InMemoryEventRow row) {
        sendable.remove(row);
        TreeSet<InMemoryEventRow> line = row.event.ohid() == null ? null : pendingByOhid.get(row.event.ohid());
        if (line == null) {
            return;
        }
        line.remove(row);
        if (line.isEmpty()) {
            pendingByOhid.remove(row.event.ohid());
        } else if (line.first().availableAt == null || !sendable.contains(line.first())) {
            refresh(line.first());
        }
    }
}
