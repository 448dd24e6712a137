package com.opulenthorizons.gateway.store;

import java.util.Optional;
import java.util.UUID;

import com.opulenthorizons.gateway.lead.IngestOutcome;
import com.opulenthorizons.gateway.lead.LeadRepository;
import com.opulenthorizons.gateway.lead.NewLead;

/**
 * Where leads and workflow events live. Every method is atomic: it either writes all it is
 * asked to write, or nothing.
 */
public interface LeadStore extends LeadRepository, EventOutbox, EventLog, LeadSource, PersonStore {

    StoreType type();

    /** Prepares the store at application start (the PostgreSQL store migrates its schema). Never throws. */
    default void start() {
    }

    /**
     * As {@link LeadRepository#ingest}: the identity rule is {@link com.opulenthorizons.gateway.lead.OhidResolver}'s,
     * which the in-memory store calls and the PostgreSQL store's {@code gateway_ingest_lead_and_consent} function mirrors.
     *
     * @throws StoreUnavailableException when the store cannot do the work; nothing was written
     */
    @Override
    IngestOutcome ingest(NewLead lead);

    /**
     * Appends one workflow event, pending delivery. When an event with the same dedup key is
     * already stored, answers with its id and writes nothing.
     */
    AppendOutcome append(NewWorkflowEvent event);

    @Override
    Optional<StoredLead> findLead(UUID ingestId);

    Optional<StoredEvent> findEvent(UUID eventId);

    /** Row counts, for status and tests. */
    StoreCounts counts();

    /** Probes the store; never throws. */
    StoreHealth health();
}
