package com.opulenthorizons.gateway.store;

import java.net.ConnectException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

import com.opulenthorizons.gateway.telemetry.ClientSpans;
import com.opulenthorizons.gateway.common.Correlation;
import com.opulenthorizons.gateway.common.InvalidArgumentException;
import com.opulenthorizons.gateway.common.LogSafeText;

import javax.sql.DataSource;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;

/**
 * The PostgreSQL store's work units: JPA (EclipseLink) work in one resource-local transaction,
 * begun and committed here, or plain JDBC on an autocommit connection for the hot paths, once the
 * schema is migrated; and what a failure of any PostgreSQL work, JPA or plain JDBC, means to the caller.
 */
final class PostgresTransactions {

    /** Plain JDBC work on one connection. */
    interface JdbcWork<T> {
        T apply(Connection connection) throws SQLException;
    }

    /** The store's logger, as before this class was split off it. */
    private static final Logger LOG = Logger.getLogger(PostgresLeadStore.class.getName());
    static final String UNIQUE_VIOLATION = "23505";
    /** lock_timeout ran out (DB_LOCK_TIMEOUT_MS). */
    static final String LOCK_NOT_AVAILABLE = "55P03";
    /** PostgreSQL broke a cycle of lock waits by failing this transaction. */
    static final String DEADLOCK_DETECTED = "40P01";
    /** statement_timeout ran out (DB_STATEMENT_TIMEOUT_MS). */
    static final String QUERY_CANCELED = "57014";

    private final EntityManagerFactory emf;
    private final DataSource dataSource;
    private final SchemaMigrator migrator;
    private final String location;

    /** @param location where the database is, for errors (host, port and database; no credentials) */
    PostgresTransactions(EntityManagerFactory emf, DataSource dataSource, SchemaMigrator migrator, String location) {
        this.emf = emf;
        this.dataSource = dataSource;
        this.migrator = migrator;
        this.location = location;
    }

    /** Runs {@code work} in one transaction: all of it commits, or none of it. */
    <T> T inTransaction(Function<EntityManager, T> work) {
        try (ClientSpans.Traced span = ClientSpans.databaseInTrace("TRANSACTION", "postgresql")) {
            return inTransactionTraced(work, span);
        }
    }

    private <T> T inTransactionTraced(Function<EntityManager, T> work, ClientSpans.Traced span) {
        migrator.ensureMigrated();
        EntityManager em;
        try {
            em = emf.createEntityManager();
        } catch (RuntimeException e) {
            throw translate(e);
        }
        EntityTransaction tx = em.getTransaction();
        try {
            tx.begin();
            T result = work.apply(em);
            tx.commit();
            return result;
        } catch (RuntimeException e) {
            span.failed(e);
            rollbackQuietly(tx, e);
            throw translate(e);
        } finally {
            em.close();
        }
    }

    /**
     * Runs {@code work} on an autocommit connection: each statement is its own transaction. For the
     * outbox's claim and delivered updates, single statements whose JPA round trip cost more CPU
     * than the statement in the delivery profiles (bench/README.md).
     */
    <T> T onConnection(JdbcWork<T> work) {
        migrator.ensureMigrated();
        try (ClientSpans.Traced span = ClientSpans.databaseInTrace("STATEMENT", "postgresql");
                Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            try {
                return work.apply(c);
            } catch (SQLException | RuntimeException e) {
                span.failed(e);
                throw e;
            }
        } catch (SQLException | RuntimeException e) {
            throw translate(e);
        }
    }

    private static void rollbackQuietly(EntityTransaction tx, RuntimeException cause) {
        try {
            if (tx.isActive()) {
                tx.rollback();
            }
        } catch (RuntimeException rollbackFailure) {
            // The connection is likely gone, and PostgreSQL discards the transaction with it.
            cause.addSuppressed(rollbackFailure);
            LOG.log(Level.WARNING, "correlation_id=" + Correlation.current().orElse("-") + " rollback failed after: "
                    + LogSafeText.rootMessage(cause), rollbackFailure);
        }
    }

    /**
     * What a failure means to the caller: the database is unreachable (retry later), the data was
     * refused (SQLState classes 22 and 23, unique violations aside: the request must change), or
     * the work failed otherwise. Server messages are not passed on: their details can quote row data.
     */
    RuntimeException translate(Exception e) {
        if (e instanceof StoreUnavailableException s) {
            return s;
        }
        String state = sqlState(e);
        if (state != null && (state.startsWith("22") || (state.startsWith("23") && !UNIQUE_VIOLATION.equals(state)))) {
            return InvalidArgumentException.several("PostgreSQL cannot store this data (SQLState " + state
                    + (state.equals("22P05") ? ": text must not contain the NUL character U+0000" : "")
                    + "); nothing was written");
        }
        if (LOCK_NOT_AVAILABLE.equals(state)) {
            return new StoreUnavailableException("another ingest or change of the same person held its lock longer than "
                    + "DB_LOCK_TIMEOUT_MS; nothing was written; try again", e);
        }
        if (QUERY_CANCELED.equals(state)) {
            return new StoreUnavailableException("PostgreSQL stopped the work after DB_STATEMENT_TIMEOUT_MS; nothing was written", e);
        }
        if (isConnectionFailure(e, state)) {
            return new StoreUnavailableException("PostgreSQL at " + location + " is unreachable; nothing was written", e);
        }
        return new StoreUnavailableException("PostgreSQL refused the work"
                + (state == null ? "" : " (SQLState " + state + ")") + "; nothing was written", e);
    }

    private static boolean isConnectionFailure(Throwable e, String state) {
        return state != null && (state.startsWith("08") || state.startsWith("57P"))
                || LogSafeText.firstCause(e, ConnectException.class).isPresent();
    }

    private static String sqlState(Throwable e) {
        return LogSafeText.firstCause(e, t -> t instanceof SQLException sql && sql.getSQLState() != null)
                .map(t -> ((SQLException) t).getSQLState())
                .orElse(null);
    }

    static boolean hasSqlState(Throwable e, String state) {
        return state.equals(sqlState(e));
    }

    /** The counts of a one-row native query, in column order, read in one transaction. */
    long[] countRow(String sql) {
        return inTransaction(em -> {
            Object[] row = (Object[]) em.createNativeQuery(sql).getSingleResult();
            return Arrays.stream(row).mapToLong(n -> ((Number) n).longValue()).toArray();
        });
    }

    /** One native UPDATE in its own transaction, with positional parameters ?1, ?2, ... */
    void update(String sql, Object... params) {
        inTransaction(em -> {
            var query = em.createNativeQuery(sql);
            for (int i = 0; i < params.length; i++) {
                query.setParameter(i + 1, params[i]);
            }
            return query.executeUpdate();
        });
    }
}
