package com.opulenthorizons.gateway.store;

import java.util.logging.Logger;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

import com.opulenthorizons.gateway.common.LogSafeText;

/**
 * Brings the schema up to date with the versioned scripts of {@code sql/} (packaged as
 * {@code db/migration}). Until one migration has succeeded the store refuses work; attempts are
 * spaced so that an unreachable database is not hammered.
 */
public class SchemaMigrator {

    private static final Logger LOG = Logger.getLogger(SchemaMigrator.class.getName());
    static final String LOCATION = "classpath:db/migration";
    private static final long RETRY_INTERVAL_MILLIS = 2_000;

    private final DataSource dataSource;
    private volatile boolean migrated;
    private volatile String schemaVersion;
    private long lastAttempt;
    private String lastFailure = "not attempted yet";

    public SchemaMigrator(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Migrates now, whatever the last attempt was; returns the number of scripts applied. */
    public synchronized int migrate() {
        lastAttempt = System.currentTimeMillis();
        Flyway flyway = Flyway.configure(SchemaMigrator.class.getClassLoader())
                .dataSource(dataSource)
                // Liberty's class loader is a WebSphere one to Flyway: it finds the folder through
                // the empty marker file db/migration/flyway.location (src/main/resources). Flyway also
                // looks for Java callbacks in db/callback whatever is configured, and logs an ERROR when
                // it cannot resolve that folder: db/callback/flyway.location is there to silence it.
                .locations(LOCATION)
                .callbackLocations(LOCATION)
                .failOnMissingLocations(true)
                .cleanDisabled(true)
                // A database the original system created has the tables but no history: V1 is
                // written to be re-runnable (IF NOT EXISTS), so it is applied over them.
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load();
        MigrateResult result = flyway.migrate();
        schemaVersion = result.targetSchemaVersion != null ? result.targetSchemaVersion
                : flyway.info().current() == null ? null : flyway.info().current().getVersion().getVersion();
        if (schemaVersion == null) {
            // Never report a schema as current when no script was found.
            throw new IllegalStateException("no schema migrations found at " + LOCATION);
        }
        migrated = true;
        LOG.info(() -> "PostgreSQL schema at version " + schemaVersion + " (" + result.migrationsExecuted + " scripts applied now)");
        return result.migrationsExecuted;
    }

    /**
     * Returns once the schema is known to be current, migrating when a retry is due.
     *
     * @throws StoreUnavailableException when the schema is not (yet) migrated
     */
    public void ensureMigrated() {
        if (migrated) {
            return;
        }
        synchronized (this) {
            if (migrated) {
                return;
            }
            if (System.currentTimeMillis() - lastAttempt < RETRY_INTERVAL_MILLIS) {
                throw new StoreUnavailableException("PostgreSQL schema is not migrated yet: " + lastFailure, null);
            }
            try {
                migrate();
            } catch (RuntimeException e) {
                lastFailure = LogSafeText.rootMessage(e);
                LOG.warning("PostgreSQL schema migration failed, will retry: " + lastFailure);
                throw new StoreUnavailableException("PostgreSQL schema is not migrated yet: " + lastFailure, e);
            }
        }
    }

    public boolean isMigrated() {
        return migrated;
    }

    public String schemaVersion() {
        return schemaVersion;
    }
}
