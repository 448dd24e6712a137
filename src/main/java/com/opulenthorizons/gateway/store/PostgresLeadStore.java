package com.opulenthorizons.gateway.store;

import java.net.ConnectException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.sql.DataSource;

import com.opulenthorizons.gateway.common.Correlation;
import com.opulenthorizons.gateway.common.InvalidArgumentException;
import com.opulenthorizons.gateway.common.LogSafeText;
import com.opulenthorizons.gateway.common.WireJson;
import com.opulenthorizons.gateway.lead.IngestOutcome;
import com.opulenthorizons.gateway.lead.NewLead;
import com.opulenthorizons.gateway.lead.OhidLookup;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import tools.jackson.databind.json.JsonMapper;

/**
 * The PostgreSQL store: every method that writes runs in exactly one transaction. Ingest, the
 * hot path, is one call of the {@code gateway_ingest_lead} function over plain JDBC; the rest
 * goes through JPA (EclipseLink) with resource-local transactions, begun and committed here.
 * <p>
 * Identity is race-free because an ingest first takes transaction-scoped advisory locks on its
 * keys (the source lead, the email, the phone), in a fixed order: two ingests that share any key
 * run one after the other, so the second sees the first's lead. The unique index on
 * (source_system, source_lead_id) backs the replay rule at the database.
 */
public class PostgresLeadStore implements LeadStore {

    private static final Logger LOG = Logger.getLogger(PostgresLeadStore.class.getName());
    private static final String UNIQUE_VIOLATION = "23505";

    private static final String OHID_BY_EMAIL = "SELECT ohid FROM lead_context WHERE payload -> 'person' ->> 'email' = ? "
            + "ORDER BY created_at DESC LIMIT 1";
    private static final String OHID_BY_PHONE = "SELECT ohid FROM lead_context WHERE payload -> 'person' ->> 'phone' = ? "
            + "ORDER BY created_at DESC LIMIT 1";

    private final EntityManagerFactory emf;
    private final DataSource dataSource;
    private final SchemaMigrator migrator;
    private final String location;

    /**
     * @param location where the database is, for status and errors (host, port and database; no credentials)
     */
    public PostgresLeadStore(EntityManagerFactory emf, DataSource dataSource, SchemaMigrator migrator, String location) {
        this.emf = emf;
        this.dataSource = dataSource;
        this.migrator = migrator;
        this.location = location;
    }

    @Override
    public StoreType type() {
        return StoreType.POSTGRES;
    }

    @Override
    public void start() {
        try {
            migrator.migrate();
        } catch (RuntimeException e) {
            LOG.warning("PostgreSQL at " + location + " is not usable yet (" + LogSafeText.rootMessage(e)
                    + "); the gateway is not ready and retries the schema migration on the next request or readiness probe");
        }
    }

    @Override
    public IngestOutcome ingest(NewLead lead) {
        migrator.ensureMigrated();
        try {
            return ingestOnce(lead);
        } catch (SQLException e) {
            // A writer that bypassed the advisory lock won the race for this source key: answer from its row.
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                try {
                    return ingestOnce(lead);
                } catch (SQLException again) {
                    throw translate(again);
                }
            }
            throw translate(e);
        }
    }

    /**
     * The hot path of the gateway, in one round trip: the {@code gateway_ingest_lead} function
     * (sql/V5) takes the advisory locks, answers a replay, applies the identity rule and inserts
     * the lead and its event, all in the implicit transaction of one autocommit statement. The
     * profiles showed the four-round-trip version spending a fifth of the server's CPU per
     * ingest on the database path, and PostgreSQL doing a transaction's worth of extra work.
     */
    private IngestOutcome ingestOnce(NewLead lead) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement call = c.prepareStatement(INGEST)) {
            c.setAutoCommit(true);
            call.setObject(1, lead.ingestId());
            call.setObject(2, UUID.randomUUID());
            call.setString(3, lead.sourceSystem().name());
            call.setString(4, lead.sourceLeadId());
            call.setString(5, lead.channel().name());
            call.setString(6, lead.contacts().email());
            call.setString(7, lead.contacts().phone());
            call.setString(8, JSON.writeValueAsString(lead.payload()));
            call.setString(9, JSON.writeValueAsString(lead.consent()));
            call.setObject(10, UUID.randomUUID());
            call.setString(11, JSON.writeValueAsString(lead.eventPayload()));
            call.setString(12, lead.correlationId());
            try (ResultSet rs = call.executeQuery()) {
                rs.next();
                return new IngestOutcome(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getBoolean(3));
            }
        }
    }

    private static final String INGEST = "SELECT ingest_id, ohid, created FROM gateway_ingest_lead("
            + "CAST(? AS uuid), CAST(? AS uuid), CAST(? AS varchar), CAST(? AS varchar), CAST(? AS varchar), "
            + "CAST(? AS text), CAST(? AS text), CAST(? AS jsonb), CAST(? AS jsonb), CAST(? AS uuid), "
            + "CAST(? AS jsonb), CAST(? AS varchar))";
    private static final JsonMapper JSON = WireJson.PLAIN;

    @Override
    public OhidLookup lookup() {
        return new OhidLookup() {
            @Override
            public Optional<UUID> byEmail(String email) {
                return newestOhid(OHID_BY_EMAIL, email);
            }

            @Override
            public Optional<UUID> byPhone(String phone) {
                return newestOhid(OHID_BY_PHONE, phone);
            }
        };
    }

    /** One indexed query, autocommitted: a lookup needs no transaction of its own. */
    private Optional<UUID> newestOhid(String sql, String value) {
        migrator.ensureMigrated();
        try (Connection c = dataSource.getConnection(); PreparedStatement query = c.prepareStatement(sql)) {
            query.setString(1, value);
            try (ResultSet rs = query.executeQuery()) {
                return rs.next() ? Optional.of(rs.getObject(1, UUID.class)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw translate(e);
        }
    }

    @Override
    public AppendOutcome append(NewWorkflowEvent event) {
        try {
            return inTransaction(em -> {
                em.persist(new WorkflowEvent(event));
                return new AppendOutcome(event.id(), true);
            });
        } catch (StoreUnavailableException e) {
            // The same delivery arrived before (or concurrently): answer with the stored event.
            if (event.dedupKey() != null && hasSqlState(e, UNIQUE_VIOLATION)) {
                return inTransaction(em -> em.createNamedQuery(WorkflowEvent.ID_BY_DEDUP_KEY, UUID.class)
                        .setParameter("dedupKey", event.dedupKey()).getResultStream().findFirst())
                        .map(id -> new AppendOutcome(id, false))
                        .orElseThrow(() -> e);
            }
            throw e;
        }
    }

    // --- outbox ----------------------------------------------------------------------------

    /** Leases due events; SKIP LOCKED lets several replicas claim disjoint batches at once. */
    private static final String CLAIM_DUE = "UPDATE workflow_event SET lease_until = now() + (?1 * interval '1 millisecond') "
            + "WHERE id IN (SELECT id FROM workflow_event WHERE delivery_status = 'PENDING' AND next_attempt_at <= now() "
            + "AND (lease_until IS NULL OR lease_until < now()) ORDER BY next_attempt_at LIMIT ?2 FOR UPDATE SKIP LOCKED) "
            + "RETURNING id, ohid, event_type, payload, occurred_at, source_system, correlation_id, delivery_attempts";

    private static final JsonbConverter JSONB = new JsonbConverter();

    @Override
    public List<OutboxEvent> claimDue(int max, Duration lease) {
        return inTransaction(em -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery(CLAIM_DUE)
                    .setParameter(1, lease.toMillis())
                    .setParameter(2, max)
                    .getResultList();
            List<OutboxEvent> claimed = new ArrayList<>(rows.size());
            for (Object[] r : rows) {
                claimed.add(new OutboxEvent(uuid(r[0]), uuid(r[1]), (String) r[2], JSONB.convertToEntityAttribute(r[3]),
                        instant(r[4]), (String) r[5], (String) r[6], ((Number) r[7]).intValue()));
            }
            return claimed;
        });
    }

    @Override
    public void markDelivered(UUID eventId, int attempts) {
        update("UPDATE workflow_event SET delivery_status = 'DELIVERED', delivery_attempts = ?2, delivered_at = now(), "
                + "lease_until = NULL, last_error = NULL WHERE id = ?1", eventId, attempts);
    }

    @Override
    public void markRetry(UUID eventId, int attempts, Instant nextAttempt, String error) {
        // Only a still pending event: a claimer whose lease ran out must not undo another's delivery.
        update("UPDATE workflow_event SET delivery_attempts = ?2, next_attempt_at = ?3, lease_until = NULL, last_error = ?4 "
                + "WHERE id = ?1 AND delivery_status = 'PENDING'", eventId, attempts, java.sql.Timestamp.from(nextAttempt),
                truncate(error));
    }

    @Override
    public void markFailed(UUID eventId, int attempts, String error) {
        update("UPDATE workflow_event SET delivery_status = 'FAILED', delivery_attempts = ?2, lease_until = NULL, "
                + "last_error = ?3 WHERE id = ?1 AND delivery_status = 'PENDING'", eventId, attempts, truncate(error));
    }

    @Override
    public DeliveryCounts deliveryCounts() {
        return inTransaction(em -> {
            Object[] row = (Object[]) em.createNativeQuery("SELECT count(*) FILTER (WHERE delivery_status = 'PENDING'), "
                    + "count(*) FILTER (WHERE delivery_status = 'DELIVERED'), count(*) FILTER (WHERE delivery_status = 'FAILED') "
                    + "FROM workflow_event").getSingleResult();
            return new DeliveryCounts(((Number) row[0]).longValue(), ((Number) row[1]).longValue(), ((Number) row[2]).longValue());
        });
    }

    @Override
    public DeliveryBacklog deliveryBacklog() {
        return inTransaction(em -> {
            Object[] row = (Object[]) em.createNativeQuery("SELECT "
                    + "(SELECT count(*) FROM workflow_event WHERE delivery_status = 'PENDING'), "
                    + "(SELECT count(*) FROM workflow_event WHERE delivery_status = 'FAILED')").getSingleResult();
            return new DeliveryBacklog(((Number) row[0]).longValue(), ((Number) row[1]).longValue());
        });
    }

    private void update(String sql, Object... params) {
        inTransaction(em -> {
            var query = em.createNativeQuery(sql);
            for (int i = 0; i < params.length; i++) {
                query.setParameter(i + 1, params[i]);
            }
            return query.executeUpdate();
        });
    }

    private static String truncate(String error) {
        return error == null || error.length() <= 1000 ? error : error.substring(0, 997) + "...";
    }

    private static UUID uuid(Object o) {
        return o == null ? null : o instanceof UUID u ? u : UUID.fromString(o.toString());
    }

    private static Instant instant(Object o) {
        if (o instanceof java.sql.Timestamp ts) {
            return ts.toInstant();
        }
        if (o instanceof java.time.OffsetDateTime odt) {
            return odt.toInstant();
        }
        return o == null ? null : Instant.parse(o.toString());
    }

    @Override
    public Optional<StoredLead> findLead(UUID ingestId) {
        return inTransaction(em -> Optional.ofNullable(em.find(LeadContext.class, ingestId)).map(LeadContext::toStoredLead));
    }

    @Override
    public Optional<StoredEvent> findEvent(UUID eventId) {
        return inTransaction(em -> Optional.ofNullable(em.find(WorkflowEvent.class, eventId)).map(WorkflowEvent::toStoredEvent));
    }

    @Override
    public StoreCounts counts() {
        return inTransaction(em -> {
            Object[] row = (Object[]) em.createNativeQuery(
                    "SELECT (SELECT count(*) FROM lead_context), (SELECT count(*) FROM workflow_event)").getSingleResult();
            return new StoreCounts(((Number) row[0]).longValue(), ((Number) row[1]).longValue());
        });
    }

    @Override
    public StoreHealth health() {
        try (Connection connection = dataSource.getConnection()) {
            if (!connection.isValid(2)) {
                return new StoreHealth(StoreType.POSTGRES, false, "PostgreSQL at " + location + " did not answer");
            }
        } catch (SQLException | RuntimeException e) {
            return new StoreHealth(StoreType.POSTGRES, false,
                    "PostgreSQL at " + location + " is unreachable: " + LogSafeText.rootMessage(e));
        }
        try {
            migrator.ensureMigrated();
        } catch (StoreUnavailableException e) {
            return new StoreHealth(StoreType.POSTGRES, false, e.getMessage());
        }
        return new StoreHealth(StoreType.POSTGRES, true,
                "PostgreSQL at " + location + ", schema version " + migrator.schemaVersion());
    }

    // --- internals -----------------------------------------------------------------------

    /** Runs {@code work} in one transaction: all of it commits, or none of it. */
    private <T> T inTransaction(Function<EntityManager, T> work) {
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
            rollbackQuietly(tx, e);
            throw translate(e);
        } finally {
            em.close();
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
    private RuntimeException translate(Exception e) {
        if (e instanceof StoreUnavailableException s) {
            return s;
        }
        String state = sqlState(e);
        if (state != null && (state.startsWith("22") || (state.startsWith("23") && !UNIQUE_VIOLATION.equals(state)))) {
            return InvalidArgumentException.several("PostgreSQL cannot store this data (SQLState " + state
                    + (state.equals("22P05") ? ": text must not contain the NUL character U+0000" : "")
                    + "); nothing was written");
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

    private static boolean hasSqlState(Throwable e, String state) {
        return state.equals(sqlState(e));
    }
}
