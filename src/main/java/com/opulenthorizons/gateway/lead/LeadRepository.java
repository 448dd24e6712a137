package com.opulenthorizons.gateway.lead;

/**
 * What the lead feature needs of a store: the store package implements it
 * ({@code store.LeadStore}), so that this package depends on no store.
 */
public interface LeadRepository {

    /**
     * Stores a lead and its {@code LeadIngested} event in one transaction. When a lead with the
     * same (source_system, source_lead_id) exists, answers with its ids and writes nothing.
     * Otherwise the OHID follows {@link OhidResolver}'s rule, applied to the store as of this
     * transaction. Concurrent ingests of the same contact keys are serialised, so they all
     * resolve to one OHID.
     *
     * @throws com.opulenthorizons.gateway.common.GatewayFailure when the store cannot do the work
     *         (nothing was written), or refuses the data
     */
    IngestOutcome ingest(NewLead lead);

    /** A lookup over committed data, outside any ingest. */
    OhidLookup lookup();
}
