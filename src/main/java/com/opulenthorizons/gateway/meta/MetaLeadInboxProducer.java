package com.opulenthorizons.gateway.meta;

import javax.sql.DataSource;

import com.opulenthorizons.gateway.store.LeadStore;
import com.opulenthorizons.gateway.store.StoreType;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** The inbox lives where the leads live: in PostgreSQL with the PostgreSQL store, otherwise in memory. */
@ApplicationScoped
public class MetaLeadInboxProducer {

    @Resource(lookup = "jdbc/gateway")
    DataSource dataSource;

    @Produces
    @ApplicationScoped
    MetaLeadInbox inbox(LeadStore store) {
        return store.type() == StoreType.POSTGRES ? new PostgresMetaLeadInbox(dataSource) : new InMemoryMetaLeadInbox();
    }
}
