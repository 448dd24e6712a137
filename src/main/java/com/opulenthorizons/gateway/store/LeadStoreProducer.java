package com.opulenthorizons.gateway.store;

import java.util.Optional;
import java.util.logging.Logger;

import javax.sql.DataSource;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceUnit;

/**
 * Chooses the store: PostgreSQL when {@code PGHOST} is set (the datasource in server.xml is
 * built from the same PG* variables), otherwise memory. A configured PostgreSQL that cannot be
 * reached never falls back to memory: the gateway is then unready and its tools answer errors.
 */
@ApplicationScoped
public class LeadStoreProducer {

    private static final Logger LOG = Logger.getLogger(LeadStoreProducer.class.getName());

    @Inject
    @ConfigProperty(name = "PGHOST")
    Optional<String> pgHost;

    @Inject
    @ConfigProperty(name = "PGPORT", defaultValue = "5432")
    String pgPort;

    @Inject
    @ConfigProperty(name = "PGDATABASE", defaultValue = "postgres")
    String pgDatabase;

    @Resource(lookup = "jdbc/gateway")
    DataSource dataSource;

    @PersistenceUnit(unitName = "gateway")
    EntityManagerFactory emf;

    @Produces
    @ApplicationScoped
    LeadStore leadStore() {
        if (pgHost.filter(h -> !h.isBlank()).isPresent()) {
            String location = pgHost.get() + ":" + pgPort + "/" + pgDatabase;
            LOG.info("Using the PostgreSQL store at " + location);
            return new PostgresLeadStore(emf, dataSource, new SchemaMigrator(dataSource), location);
        }
        LOG.warning("PGHOST is not set: using the in-memory store. Leads and events are lost at restart "
                + "and are not shared between replicas. Set PGHOST (and PGPORT, PGUSER, PGPASSWORD, PGDATABASE) "
                + "to use PostgreSQL.");
        return new InMemoryLeadStore();
    }

    /** Migrates the schema as the application starts, rather than on the first request. */
    void onStartup(@Observes Startup startup, LeadStore store) {
        store.start();
    }
}
