package com.opulenthorizons.gateway.store;

import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** Chooses the store: PostgreSQL when {@code PGHOST} is set, otherwise memory. */
@ApplicationScoped
public class LeadStoreProducer {

    private static final Logger LOG = Logger.getLogger(LeadStoreProducer.class.getName());

    @Produces
    @ApplicationScoped
    LeadStore leadStore() {
        LOG.warning("PGHOST is not set: using the in-memory store. Leads and events are lost at restart "
                + "and are not shared between replicas. Set PGHOST (and PGPORT, PGUSER, PGPASSWORD, PGDATABASE) "
                + "to use PostgreSQL.");
        return new InMemoryLeadStore();
    }
}
