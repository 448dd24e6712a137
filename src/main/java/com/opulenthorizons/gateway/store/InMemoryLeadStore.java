package com.opulenthorizons.gateway.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.opulenthorizons.gateway.lead.IngestOutcome;
import com.opulenthorizons.gateway.lead.NewLead;
import com.opulenthorizons.gateway.lead.OhidLookup;
import com.opulenthorizons.gateway.lead.OhidResolver;

/**
 * The store used when no PostgreSQL is configured: everything lives in this JVM and is gone at
 * restart (pending deliveries included), and replicas do not share it. One lock makes every
 * write atomic and serialises identity resolution, which is all a single process needs. The
 * workflow events live in an {@link InMemoryOutbox} with a lock of its own, which keeps only a
 * bounded history of delivered events, so delivery does not wait for ingests.
 */
public class InMemoryLeadStore implements LeadStore, OutboxDelegation {

    private static final OhidResolver IDENTITY = new OhidResolver();

    public static final int DEFAULT_DELIVERED_HISTORY = 10_000;

    private final Map<UUID, StoredLead> leads = new LinkedHashMap<>();
    private final Map<String, UUID> leadBySourceKey = new HashMap<>();
    private final Map<String, UUID> ohidByEmail = new HashMap<>();
    private final Map<String, UUID> ohidByPhone = new HashMap<>();
    private final InMemoryOutbox outbox;
    private static final Map<String, Object> REDACTED = Map.of("redacted", true);
    private final InMemoryPeople people = new InMemoryPeople();

    /** With the default delivered history, {@value #DEFAULT_DELIVERED_HISTORY} events. */
    public InMemoryLeadStore() {
        this(DEFAULT_DELIVERED_HISTORY);
    }

    /** @param deliveredHistory how many delivered events are kept (MEMORY_DELIVERED_HISTORY); older ones are dropped */
    public InMemoryLeadStore(int deliveredHistory) {
        this.outbox = new InMemoryOutbox(deliveredHistory);
    }

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
        Optional<UUID> known = IDENTITY.find(lead.contacts(), lookup);
        UUID ohid = known.orElseGet(UUID::randomUUID);
        // a new person's first consent is in its LeadIngested event, as PostgreSQL's ingest (V15) does
        boolean consentChanges = known.isPresent() && people.consentChangedBy(ohid, lead.grantsConsent(), leads.values());
        Instant now = Instant.now();
        // Build both rows before touching any map, so a failure leaves nothing behind.
        StoredLead row = new StoredLead(lead.ingestId(), ohid, lead.sourceSystem().name(), lead.sourceLeadId(),
                lead.channel().name(), lead.payload(), lead.consent(), now);
        StoredEvent event = new StoredEvent(UUID.randomUUID(), ohid, WorkflowEventType.LeadIngested.name(),
                lead.eventPayload(), now, lead.sourceSystem().name(), lead.correlationId(), DeliveryStatus.PENDING, 0, null);
        leads.put(row.id(), row);
        leadBySourceKey.put(sourceKey, row.id());
        if (lead.contacts().email() != null) {
            ohidByEmail.put(lead.contacts().email(), ohid);
        }
        if (lead.contacts().phone() != null) {
            ohidByPhone.put(lead.contacts().phone(), ohid);
        }
        outbox.add(event, null);
        if (consentChanges) { // just after LeadIngested, as in PostgreSQL (clock_timestamp() after now())
            outbox.add(new StoredEvent(UUID.randomUUID(), ohid, WorkflowEventType.ConsentChanged.name(),
                    lead.consentEventPayload(), now.plusNanos(1_000), lead.sourceSystem().name(), lead.correlationId(), DeliveryStatus.PENDING, 0,
                    null), null);
        }
        return new IngestOutcome(row.id(), ohid, true);
    }

    @Override
    public OhidLookup lookup() {
        return lookup;
    }

    @Override
    public synchronized AppendOutcome append(NewWorkflowEvent event) {
        Optional<UUID> stored = event.dedupKey() == null ? Optional.empty() : outbox.byDedupKey(event.dedupKey());
        if (stored.isPresent()) {
            return new AppendOutcome(stored.get(), false);
        }
        UUID ohid = event.ohid();
        if (ohid != null && WorkflowEventType.isCall(event.eventType())) { // as PostgresEventAppender links a call
            ohid = people.survivors.getOrDefault(ohid, ohid);
            ohid = people.tombstones.containsKey(ohid) ? null : ohid;
        }
        outbox.add(new StoredEvent(event.id(), ohid, event.eventType(), event.payload(), Instant.now(),
                event.sourceSystem(), event.correlationId(), DeliveryStatus.PENDING, 0, null), event.dedupKey());
        return new AppendOutcome(event.id(), true);
    }

    @Override
    public synchronized Optional<StoredLead> findLead(UUID ingestId) {
        return Optional.ofNullable(leads.get(ingestId));
    }

    @Override
    public Optional<StoredEvent> findEvent(UUID eventId) {
        return outbox.find(eventId);
    }

    @Override
    public synchronized StoreCounts counts() {
        return new StoreCounts(leads.size(), outbox.size());
    }

    @Override
    public StoreHealth health() {
        return new StoreHealth(StoreType.IN_MEMORY, true, "in-memory store: data is lost at restart and not shared between replicas");
    }

    // --- people: InMemoryPeople, under this store's lock ---

    @Override
    public synchronized Optional<PersonRecord> person(UUID ohid, EventCursor after, int eventLimit) {
        return people.person(ohid, leads.values(), outbox, after, eventLimit);
    }

    @Override
    public synchronized LeadPage searchLeads(LeadSearch search) {
        return people.search(search, leads.values(), outbox);
    }

    @Override
    public synchronized RecordedConsent recordConsent(UUID ohid, ConsentState state, String source, String recordedBy,
            Map<String, Object> eventPayload, String correlationId) {
        UUID live = people.liveOhid(ohid, leads.values(), outbox);
        RecordedConsent entry = people.addConsent(live, state, source, recordedBy);
        outbox.add(gatewayEvent(live, WorkflowEventType.ConsentChanged, eventPayload, correlationId), null);
        return entry;
    }

    @Override
    public synchronized ForgetOutcome forget(UUID ohid, String forgottenBy, String reason, Map<String, Object> eventPayload,
            String correlationId) {
        UUID survivor = people.survivors.get(ohid);
        if (survivor != null) {
            throw PersonStateException.refused("ohid: " + ohid + " was merged into " + survivor
                    + ", which holds its data now: forget that OHID");
        }
        if (people.tombstones.containsKey(ohid)) {
            return new ForgetOutcome(people.tombstones.get(ohid), false);
        }
        people.liveOhid(ohid, leads.values(), outbox);
        List<StoredLead> theirs = leads.values().stream().filter(l -> l.ohid().equals(ohid)).toList();
        Set<String> values = new HashSet<>();
        for (StoredLead lead : theirs) {
            leads.remove(lead.id());
            leadBySourceKey.values().remove(lead.id());
            contactsOf(lead).forEach(values::add);
        }
        // the keys now answer as PostgreSQL's lookups would: by the newest lead left with them, if any
        ohidByEmail.values().removeIf(ohid::equals);
        ohidByPhone.values().removeIf(ohid::equals);
        for (StoredLead lead : leads.values()) {
            Optional.ofNullable(PostgresPeople.emailOf(lead)).filter(e -> values.contains("e:" + e))
                    .ifPresent(e -> ohidByEmail.put(e, lead.ohid()));
            Optional.ofNullable(PostgresPeople.phoneOf(lead)).filter(p -> values.contains("p:" + p))
                    .ifPresent(p -> ohidByPhone.put(p, lead.ohid()));
        }
        people.forgetConsent(ohid);
        ContactTraces traces = ContactTraces.of(values);
        outbox.people().redactWhenUnclaimed(ohid, e -> traces.foundIn(String.valueOf(e.payload())), REDACTED,
                PostgresPersonChanges.MAX_DELIVERY_WAIT_MS);
        Tombstone tombstone = new Tombstone(ohid, Instant.now(), forgottenBy, reason);
        people.tombstones.put(ohid, tombstone);
        outbox.add(gatewayEvent(ohid, WorkflowEventType.PersonForgotten, eventPayload, correlationId), null);
        return new ForgetOutcome(tombstone, true);
    }

    @Override
    public synchronized MergeOutcome merge(UUID surviving, UUID absorbed, String mergedBy, String reason,
            Map<String, Object> eventPayload, String correlationId) {
        if (surviving.equals(absorbed)) {
            throw PersonStateException.refused("absorbed_ohid: is the surviving OHID; a person cannot absorb themselves");
        }
        if (people.survivors.containsKey(surviving)) {
            throw PersonStateException.refused("surviving_ohid: was itself merged into " + people.survivors.get(surviving)
                    + "; merge into that OHID");
        }
        UUID before = people.survivors.get(absorbed);
        if (before != null) {
            if (before.equals(surviving)) {
                return new MergeOutcome(surviving, absorbed, people.mergedAt.get(absorbed), false);
            }
            throw PersonStateException.refused("absorbed_ohid: was already merged into " + before);
        }
        people.liveOhid(surviving, leads.values(), outbox);
        people.liveOhid(absorbed, leads.values(), outbox);
        leads.replaceAll((id, l) -> l.ohid().equals(absorbed) ? new StoredLead(l.id(), surviving, l.sourceSystem(),
                l.sourceLeadId(), l.channel(), l.payload(), l.consent(), l.createdAt()) : l);
        ohidByEmail.replaceAll((k, o) -> o.equals(absorbed) ? surviving : o);
        ohidByPhone.replaceAll((k, o) -> o.equals(absorbed) ? surviving : o);
        outbox.people().reassign(absorbed, surviving);
        Instant at = people.absorb(absorbed, surviving);
        Map<String, Object> payload = new LinkedHashMap<>(eventPayload);
        payload.put("absorbed_ohid", absorbed.toString());
        outbox.add(gatewayEvent(surviving, WorkflowEventType.PeopleMerged, payload, correlationId), null);
        return new MergeOutcome(surviving, absorbed, at, true);
    }

    private static List<String> contactsOf(StoredLead lead) {
        List<String> values = new ArrayList<>();
        Optional.ofNullable(PostgresPeople.emailOf(lead)).ifPresent(e -> values.add("e:" + e));
        Optional.ofNullable(PostgresPeople.phoneOf(lead)).ifPresent(p -> values.add("p:" + p));
        return values;
    }

    private static StoredEvent gatewayEvent(UUID ohid, WorkflowEventType type, Map<String, Object> payload, String correlationId) {
        return new StoredEvent(UUID.randomUUID(), ohid, type.name(), payload, Instant.now(), WorkflowEventType.GATEWAY_SOURCE,
                correlationId, DeliveryStatus.PENDING, 0, null);
    }

    // --- outbox and event log: InMemoryOutbox, under its own lock (OutboxDelegation forwards the outbox) ---

    @Override
    public EventPage listEvents(EventQuery query) {
        return outbox.listEvents(query);
    }

    @Override
    public int replay(Collection<UUID> eventIds) {
        return outbox.replay(eventIds);
    }

    @Override
    public int replay(ReplayFilter filter) {
        return outbox.replay(filter);
    }

    @Override
    public EventOutbox outbox() {
        return outbox;
    }
}
