package com.opulenthorizons.gateway.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.opulenthorizons.gateway.telemetry.TraceHeaders;

/**
 * The PostgreSQL store's outbox: {@code workflow_event} rows claimed with leases and settled with
 * their delivery outcome, each in one transaction: the claim and the delivered update, once per
 * batch at delivery rates, as single plain JDBC statements; the rarer updates through JPA.
 */
final class PostgresOutbox implements EventOutbox {

    /**
     * Leases due events; SKIP LOCKED lets several replicas claim disjoint batches at once. An event
     * with an older pending event of the same OHID is not due yet (per-OHID order), whoever holds that one.
     */
    private static final String CLAIM_DUE = "UPDATE workflow_event SET lease_until = now() + (? * interval '1 millisecond'), "
            + "lease_token = ? "
            + "WHERE id IN (SELECT e.id FROM workflow_event e WHERE e.delivery_status = 'PENDING' AND e.next_attempt_at <= now() "
            + "AND (e.lease_until IS NULL OR e.lease_until < now()) "
            + "AND (e.ohid IS NULL OR NOT EXISTS (SELECT 1 FROM workflow_event p WHERE p.ohid = e.ohid "
            + "AND p.delivery_status = 'PENDING' AND (p.occurred_at, p.id) < (e.occurred_at, e.id))) "
            + "ORDER BY e.next_attempt_at LIMIT ? FOR UPDATE SKIP LOCKED) "
            + "RETURNING id, ohid, event_type, payload, occurred_at, source_system, correlation_id, delivery_attempts, "
            + "COALESCE(retry_from, occurred_at), trace_parent, trace_state";

    private static final JsonbConverter JSONB = new JsonbConverter();

    private final PostgresTransactions transactions;

    PostgresOutbox(PostgresTransactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public List<OutboxEvent> claimDue(int max, Duration lease) {
        UUID token = UUID.randomUUID();
        return transactions.onConnection(c -> {
            try (PreparedStatement claim = c.prepareStatement(CLAIM_DUE)) {
                claim.setLong(1, lease.toMillis());
                claim.setObject(2, token);
                claim.setInt(3, max);
                List<OutboxEvent> claimed = new ArrayList<>();
                try (ResultSet r = claim.executeQuery()) {
                    while (r.next()) {
                        claimed.add(new OutboxEvent(r.getObject(1, UUID.class), r.getObject(2, UUID.class), r.getString(3),
                                JSONB.convertToEntityAttribute(r.getObject(4)), instant(r.getTimestamp(5)), r.getString(6),
                                r.getString(7), r.getInt(8), token, instant(r.getTimestamp(9)),
                                r.getString(10) == null ? null : new TraceHeaders(r.getString(10), r.getString(11))));
                    }
                }
                return claimed;
            }
        });
    }

    // Each update matches the claim's lease token: a sender that lost its lease changes nothing.

    @Override
    public Set<UUID> markDelivered(UUID leaseToken, Collection<UUID> eventIds) {
        if (eventIds.isEmpty()) {
            return Set.of();
        }
        return transactions.onConnection(c -> {
            try (PreparedStatement update = c.prepareStatement(MARK_DELIVERED)) {
                update.setObject(1, leaseToken);
                update.setArray(2, c.createArrayOf("uuid", eventIds.toArray()));
                Set<UUID> recorded = new HashSet<>();
                try (ResultSet r = update.executeQuery()) {
                    while (r.next()) {
                        recorded.add(r.getObject(1, UUID.class));
                    }
                }
                return recorded;
            }
        });
    }

    private static final String MARK_DELIVERED = "UPDATE workflow_event SET delivery_status = 'DELIVERED', "
            + "delivery_attempts = delivery_attempts + 1, delivered_at = now(), lease_until = NULL, lease_token = NULL, "
            + "last_error = NULL WHERE lease_token = ? AND delivery_status = 'PENDING' AND id = ANY (?) RETURNING id";

    @Override
    public boolean markRetry(UUID eventId, UUID leaseToken, int attempts, Instant nextAttempt, String error) {
        return updated("UPDATE workflow_event SET delivery_attempts = ?3, next_attempt_at = ?4, lease_until = NULL, "
                + "lease_token = NULL, last_error = ?5 WHERE id = ?1 AND lease_token = ?2 AND delivery_status = 'PENDING'",
                eventId, leaseToken, attempts, java.sql.Timestamp.from(nextAttempt), truncate(error));
    }

    @Override
    public int hurryRetries() {
        return transactions.inTransaction(em -> em.createNativeQuery("UPDATE workflow_event SET next_attempt_at = now() "
                + "WHERE delivery_status = 'PENDING' AND delivery_attempts > 0 AND next_attempt_at > now() "
                + "AND (lease_until IS NULL OR lease_until < now())").executeUpdate());
    }

    @Override
    public boolean markFailed(UUID eventId, UUID leaseToken, int attempts, String error) {
        return updated("UPDATE workflow_event SET delivery_status = 'FAILED', delivery_attempts = ?3, lease_until = NULL, "
                + "lease_token = NULL, last_error = ?4 WHERE id = ?1 AND lease_token = ?2 AND delivery_status = 'PENDING'",
                eventId, leaseToken, attempts, truncate(error));
    }

    /** One native UPDATE in its own transaction; whether it changed a row. */
    private boolean updated(String sql, Object... params) {
        return transactions.inTransaction(em -> {
            var query = em.createNativeQuery(sql);
            for (int i = 0; i < params.length; i++) {
                query.setParameter(i + 1, params[i]);
            }
            return query.executeUpdate();
        }) > 0;
    }

    @Override
    public DeliveryCounts deliveryCounts() {
        long[] n = transactions.countRow("SELECT count(*) FILTER (WHERE delivery_status = 'PENDING'), "
                + "count(*) FILTER (WHERE delivery_status = 'DELIVERED'), count(*) FILTER (WHERE delivery_status = 'FAILED') "
                + "FROM workflow_event");
        return new DeliveryCounts(n[0], n[1], n[2]);
    }

    @Override
    public DeliveryBacklog deliveryBacklog() {
        long[] n = transactions.countRow("SELECT "
                + "(SELECT count(*) FROM workflow_event WHERE delivery_status = 'PENDING'), "
                + "(SELECT count(*) FROM workflow_event WHERE delivery_status = 'FAILED')");
        return new DeliveryBacklog(n[0], n[1]);
    }

    private static String truncate(String error) {
        return error == null || error.length() <= 1000 ? error : error.substring(0, 997) + "...";
    }

    static UUID uuid(Object o) {
        return o == null ? null : o instanceof UUID u ? u : UUID.fromString(o.toString());
    }

    static Instant instant(Object o) {
        if (o instanceof java.sql.Timestamp ts) {
            return ts.toInstant();
        }
        if (o instanceof java.time.OffsetDateTime odt) {
            return odt.toInstant();
        }
        return o == null ? null : Instant.parse(o.toString());
    }
}
