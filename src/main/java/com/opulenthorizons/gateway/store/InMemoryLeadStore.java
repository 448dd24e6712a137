package com.opulenthorizons.gateway.store;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import com.opulenthorizons.gateway.lead.IngestOutcome;
import com.opulenthorizons.gateway.lead.NewLead;
import com.opulenthorizons.gateway.lead.OhidLookup;
import com.opulenthorizons.gateway.lead.OhidResolver;

/**
 * The store used when no PostgreSQL is configured: everything lives in this JVM and is gone at
 * restart (pending deliveries included), and replicas do not share it. One lock makes every
 * write atomic and serialises identity resolution, which is all a single process needs.
 */
public class InMemoryLeadStore implements LeadStore {

    private static final OhidResolver IDENTITY = new OhidResolver();

    private final Map<UUID, StoredLead> leads = new LinkedHashMap<>();
    private final Map<String, UUID> leadBySourceKey = new HashMap<>();
    private final Map<String, UUID> ohidByEmail = new HashMap<>();
    private final Map<String, UUID> ohidByPhone = new HashMap<>();
    private final Map<UUID, InMemoryEventRow> events = new LinkedHashMap<>();
    private final Map<String, UUID> eventByDedupKey = new HashMap<>();

    private final OhidLookup lookup = new OhidLookup() {
        @Override
        public Optional<UUID> byEmail(String email) {
            synchronized (InMemoryLeadStore.this) {
                return Optional.ofNullable(ohidByEmail.get(email));
            }
        }

        @Override
        public Optional<UUID> byPhone(String phone) {
            synchronized (InMemoryLeadStore.this) {
                return Optional.ofNullable(ohidByPhone.get(phone));
            }
        }
    };

    @Override
    public StoreType type() {
        return StoreType.IN_MEMORY;
    }

    @Override
    public synchronized IngestOutcome ingest(NewLead lead) {
        String sourceKey = lead.sourceSystem().name() + '\u0000' + lead.sourceLeadId();
        UUID existingId = leadBySourceKey.get(sourceKey);
        if (existingId != null) {
            StoredLead existing = leads.get(existingId);
            return new IngestOutcome(existing.id(), existing.ohid(), false);
        }
        UUID ohid = IDENTITY.resolve(lead.contacts(), lookup);
        Instant now = Instant.now();
        // Build both rows before touching any map, so a failure leaves nothing behind.
        StoredLead row = new StoredLead(lead.ingestId(), ohid, lead.sourceSystem().name(), lead.sourceLeadId(),
                lead.channel().name(), lead.payload(), lead.consent(), now);
        InMemoryEventRow event = new InMemoryEventRow(new StoredEvent(UUID.randomUUID(), ohid, WorkflowEventType.LeadIngested.name(),
                lead.eventPayload(), now, lead.sourceSystem().name(), lead.correlationId(), DeliveryStatus.PENDING, 0, null));
        leads.put(row.id(), row);
        leadBySourceKey.put(sourceKey, row.id());
        if (lead.contacts().email() != null) {
            ohidByEmail.put(lead.contacts().email(), ohid);
        }
        if (lead.contacts().phone() != null) {
            ohidByPhone.put(lead.contacts().phone(), ohid);
        }
        events.put(event.event.id(), event);
        return new IngestOutcome(row.id(), ohid, true);
    }

    @Override
    public OhidLookup lookup() {
        return lookup;
    }

    @Override
    public synchronized AppendOutcome append(NewWorkflowEvent event) {
        if (event.dedupKey() != null && eventByDedupKey.containsKey(event.dedupKey())) {
            return new AppendOutcome(eventByDedupKey.get(event.dedupKey()), false);
        }
        events.put(event.id(), new InMemoryEventRow(new StoredEvent(event.id(), event.ohid(), event.eventType(), event.payload(),
                Instant.now(), event.sourceSystem(), event.correlationId(), DeliveryStatus.PENDING, 0, null)));
        if (event.dedupKey() != null) {
            eventByDedupKey.put(event.dedupKey(), event.id());
        }
        return new AppendOutcome(event.id(), true);
    }

    @Override
    public synchronized Optional<StoredLead> findLead(UUID ingestId) {
        return Optional.ofNullable(leads.get(ingestId));
    }

    @Override
    public synchronized Optional<StoredEvent> findEvent(UUID eventId) {
        return Optional.ofNullable(events.get(eventId)).map(InMemoryEventRow::snapshot);
    }

    @Override
    public synchronized StoreCounts counts() {
        return new StoreCounts(leads.size(), events.size());
    }

    @Override
    public StoreHealth health() {
        return new StoreHealth(StoreType.IN_MEMORY, true, "in-memory store: data is lost at restart and not shared between replicas");
    }

    // --- outbox ----------------------------------------------------------------------------

    @Override
    public synchronized List<OutboxEvent> claimDue(int max, Duration lease) {
        Instant now = Instant.now();
        UUID token = UUID.randomUUID();
        List<OutboxEvent> claimed = new ArrayList<>();
        // Rows are in the order they happened: an OHID seen pending once has an older pending event.
        Set<UUID> ohidsWithOlderPending = new HashSet<>();
        for (InMemoryEventRow row : events.values()) {
            if (claimed.size() == max) {
                break;
            }
            if (row.status != DeliveryStatus.PENDING) {
                continue;
            }
            boolean olderPending = row.event.ohid() != null && !ohidsWithOlderPending.add(row.event.ohid());
            if (!olderPending && !row.nextAttempt.isAfter(now) && (row.leaseUntil == null || row.leaseUntil.isBefore(now))) {
                row.leaseUntil = now.plus(lease);
                row.leaseToken = token;
                StoredEvent e = row.event;
                claimed.add(new OutboxEvent(e.id(), e.ohid(), e.eventType(), e.payload(), e.occurredAt(), e.sourceSystem(),
                        e.correlationId(), row.attempts, token, row.retryFrom));
            }
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

    @Override
    public synchronized Set<UUID> markDelivered(UUID leaseToken, Collection<UUID> eventIds) {
        Set<UUID> recorded = new HashSet<>();
        for (UUID eventId : eventIds) {
            InMemoryEventRow row = heldBy(eventId, leaseToken);
            if (row != null) {
                row.status = DeliveryStatus.DELIVERED;
                row.attempts++;
                row.leaseUntil = null;
                row.leaseToken = null;
                row.lastError = null;
                recorded.add(eventId);
            }
        }
        return recorded;
    }

    @Override
    public synchronized boolean markRetry(UUID eventId, UUID leaseToken, int attempts, Instant nextAttempt, String error) {
        InMemoryEventRow row = heldBy(eventId, leaseToken);
        if (row == null) {
            return false;
        }
        row.attempts = attempts;
        row.nextAttempt = nextAttempt;
        row.leaseUntil = null;
        row.leaseToken = null;
        row.lastError = error;
        return true;
    }

    @Override
    public synchronized boolean markFailed(UUID eventId, UUID leaseToken, int attempts, String error) {
        InMemoryEventRow row = heldBy(eventId, leaseToken);
        if (row == null) {
            return false;
        }
        row.status = DeliveryStatus.FAILED;
        row.attempts = attempts;
        row.leaseUntil = null;
        row.leaseToken = null;
        row.lastError = error;
        return true;
    }

    @Override
    public synchronized EventPage listEvents(EventQuery query) {
        List<InMemoryEventRow> newestFirst = new ArrayList<>(events.values());
        java.util.Collections.reverse(newestFirst);
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
            if (row != null && row.requeue(now)) {
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
            if (matches && row.requeue(now)) {
                replayed++;
            }
        }
        return replayed;
    }

    @Override
    public DeliveryBacklog deliveryBacklog() {
        DeliveryCounts counts = deliveryCounts();
        return new DeliveryBacklog(counts.pending(), counts.failed());
    }

    @Override
    public synchronized DeliveryCounts deliveryCounts() {
        long pending = 0;
        long delivered = 0;
        long failed = 0;
        for (InMemoryEventRow row : events.values()) {
            switch (row.status) {
                case PENDING -> pending++;
                case DELIVERED -> delivered++;
                case FAILED -> failed++;
                default -> { /* PRE_OUTBOX does not occur in memory */ }
            }
        }
        return new DeliveryCounts(pending, delivered, failed);
    }
}
