package com.opulenthorizons.gateway.store;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
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
                .dataSource(withoutNetworkTimeout(dataSource))
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
     * The pool's connections as Flyway gets them, without the socket timeout the pool sets for
     * requests (30 s in server.xml), restored when Flyway gives each one back: a backfill of a large
     * table runs longer than a request may (sql/V24), and a script that stops halfway is rolled back
     * and begun again at the next attempt, for ever.
     */
    static DataSource withoutNetworkTimeout(DataSource pool) {
        return (DataSource) Proxy.newProxyInstance(SchemaMigrator.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    Object result = forward(method, pool, args);
                    return result instanceof Connection c ? untimed(c) : result;
                });
    }

    private static Connection untimed(Connection c) throws SQLException {
        int poolTimeout = c.getNetworkTimeout();
        c.setNetworkTimeout(Runnable::run, 0);
        return (Connection) Proxy.newProxyInstance(SchemaMigrator.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("close") && !c.isClosed()) {
                        try {
                            c.setNetworkTimeout(Runnable::run, poolTimeout);
                        } finally {
                            c.close();
                        }
                        return null;
                    }
                    return forward(method, c, args);
                });
    }

    private static Object forward(Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
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
