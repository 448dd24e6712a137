package com.opulenthorizons.gateway.store;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import com.opulenthorizons.gateway.lead.OhidLookup;

/**
 * The store used when no PostgreSQL is configured: everything lives in this JVM and is gone at
 * restart, and replicas do not share it. One lock makes every write atomic and serialises
 * identity resolution, which is all a single process needs.
 */
public class InMemoryLeadStore implements LeadStore {

    private final Map<UUID, StoredLead> leads = new LinkedHashMap<>();
    private final Map<String, UUID> leadBySourceKey = new HashMap<>();
    private final Map<String, UUID> ohidByEmail = new HashMap<>();
    private final Map<String, UUID> ohidByPhone = new HashMap<>();
    private final Map<UUID, StoredEvent> events = new LinkedHashMap<>();

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
    public synchronized IngestOutcome ingest(NewLead lead, Function<OhidLookup, UUID> identity) {
        String sourceKey = lead.sourceSystem().name() + '\u0000' + lead.sourceLeadId();
        UUID existingId = leadBySourceKey.get(sourceKey);
        if (existingId != null) {
            StoredLead existing = leads.get(existingId);
            return new IngestOutcome(existing.id(), existing.ohid(), false);
        }
        UUID ohid = identity.apply(lookup);
        Instant now = Instant.now();
        // Build both rows before touching any map, so a failure leaves nothing behind.
        StoredLead row = new StoredLead(lead.ingestId(), ohid, lead.sourceSystem().name(), lead.sourceLeadId(),
                lead.channel().name(), lead.payload(), lead.consent(), now);
        StoredEvent event = new StoredEvent(UUID.randomUUID(), ohid, WorkflowEventType.LeadIngested.name(), lead.eventPayload(), now,
                lead.sourceSystem().name());
        leads.put(row.id(), row);
        leadBySourceKey.put(sourceKey, row.id());
        if (lead.contacts().email() != null) {
            ohidByEmail.put(lead.contacts().email(), ohid);
        }
        if (lead.contacts().phone() != null) {
            ohidByPhone.put(lead.contacts().phone(), ohid);
        }
        events.put(event.id(), event);
        return new IngestOutcome(row.id(), ohid, true);
    }

    @Override
    public OhidLookup lookup() {
        return lookup;
    }

    @Override
    public synchronized void append(NewWorkflowEvent event) {
        events.put(event.id(), new StoredEvent(event.id(), event.ohid(), event.eventType(), event.payload(),
                Instant.now(), event.sourceSystem()));
    }

    @Override
    public synchronized Optional<StoredLead> findLead(UUID ingestId) {
        return Optional.ofNullable(leads.get(ingestId));
    }

    @Override
    public synchronized Optional<StoredEvent> findEvent(UUID eventId) {
        return Optional.ofNullable(events.get(eventId));
    }

    @Override
    public synchronized StoreCounts counts() {
        return new StoreCounts(leads.size(), events.size());
    }

    @Override
    public StoreHealth health() {
        return new StoreHealth(StoreType.IN_MEMORY, true, "in-memory store: data is lost at restart and not shared between replicas");
    }
}
