package com.opulenthorizons.gateway.store;

import java.util.Optional;
import java.util.UUID;

import com.opulenthorizons.gateway.lead.OhidLookup;
import com.opulenthorizons.gateway.lead.OhidResolver;

/**
 * Where leads and workflow events live. Every method is atomic: it either writes all it is
 * asked to write, or nothing.
 */
public interface LeadStore extends EventOutbox, LeadSource {

    StoreType type();

    /** Prepares the store at application start (the PostgreSQL store migrates its schema). Never throws. */
    default void start() {
    }

    /**
     * Stores a lead and its {@code LeadIngested} event in one transaction. When a lead with the
     * same (source_system, source_lead_id) exists, answers with its ids and writes nothing.
     * Otherwise the OHID follows the identity rule of {@link OhidResolver}, applied to the store
     * as of this transaction: the newest earlier lead with the same email, else with the same
     * phone, else a new OHID. Concurrent ingests of the same contact keys are serialised, so
     * they all resolve to one OHID.
     *
     * @throws StoreUnavailableException when the store cannot do the work; nothing was written
     */
    IngestOutcome ingest(NewLead lead);

    /** A lookup over committed data, outside any ingest. */
    OhidLookup lookup();

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
