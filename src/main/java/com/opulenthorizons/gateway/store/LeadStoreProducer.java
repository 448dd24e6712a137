package com.opulenthorizons.gateway.store;

import java.util.Optional;
import java.util.logging.Logger;

import javax.sql.DataSource;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.postgresql.ds.PGSimpleDataSource;

import com.opulenthorizons.gateway.lead.LeadRepository;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.Typed;
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

    @Inject
    @ConfigProperty(name = "MEMORY_DELIVERED_HISTORY")
    int memoryDeliveredHistory;

    @Inject
    @ConfigProperty(name = "SEARCH_TIMEOUT_MS")
    int searchTimeoutMs;

    @Resource(lookup = "jdbc/gateway")
    DataSource dataSource;

    @PersistenceUnit(unitName = "gateway")
    EntityManagerFactory emf;

    @Inject
    @ConfigProperty(name = "PROPERTY_DB_HOST")
    Optional<String> propertyDbHost;

    @Inject
    @ConfigProperty(name = "PROPERTY_DB_PORT", defaultValue = "5432")
    int propertyDbPort;

    @Inject
    @ConfigProperty(name = "PROPERTY_DB_NAME", defaultValue = "postgres")
    String propertyDbName;

    @Inject
    @ConfigProperty(name = "PROPERTY_DB_USER", defaultValue = "postgres")
    String propertyDbUser;

    @Inject
    @ConfigProperty(name = "PROPERTY_DB_PASSWORD")
    Optional<String> propertyDbPassword;

    /**
     * Typed to LeadStore and the lead feature's LeadRepository only, so that it does not also
     * stand for the LeadSource produced below.
     */
    @Produces
    @ApplicationScoped
    @Typed({LeadStore.class, LeadRepository.class})
    LeadStore leadStore() {
        if (pgHost.filter(h -> !h.isBlank()).isPresent()) {
            String location = pgHost.get() + ":" + pgPort + "/" + pgDatabase;
            LOG.info("Using the PostgreSQL store at " + location);
            return new PostgresLeadStore(emf, dataSource, new SchemaMigrator(dataSource), location, searchTimeoutMs);
        }
        LOG.warning("PGHOST is not set: using the in-memory store. Leads and events are lost at restart "
                + "and are not shared between replicas. Set PGHOST (and PGPORT, PGUSER, PGPASSWORD, PGDATABASE) "
                + "to use PostgreSQL.");
        return new InMemoryLeadStore(memoryDeliveredHistory);
    }

    /**
     * Where outbound Zoho sync reads local leads: the property database when PROPERTY_DB_HOST is
     * set, otherwise the gateway's own store.
     */
    @Produces
    @ApplicationScoped
    LeadSource leadSource(LeadStore store) {
        if (propertyDbHost.filter(h -> !h.isBlank()).isEmpty()) {
            return store;
        }
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setServerNames(new String[] {propertyDbHost.get()});
        ds.setPortNumbers(new int[] {propertyDbPort});
        ds.setDatabaseName(propertyDbName);
        ds.setUser(propertyDbUser);
        propertyDbPassword.ifPresent(ds::setPassword);
        ds.setConnectTimeout(5);
        ds.setSocketTimeout(30);
        ds.setReadOnly(true);
        String location = propertyDbHost.get() + ":" + propertyDbPort + "/" + propertyDbName;
        LOG.info("Outbound Zoho sync reads leads from the property database at " + location);
        return new PropertyDbLeadSource(ds, location);
    }

    /** Migrates the schema as the application starts, rather than on the first request. */
    void onStartup(@Observes Startup startup, LeadStore store) {
        store.start();
    }
}
