package com.opulenthorizons.gateway.store;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * The PostgreSQL store's list and replay of workflow events. The list pages newest first with a
 * {@code (occurred_at, id)} cursor, on the V7 indexes; a replay is one UPDATE.
 */
final class PostgresEventLog {

    /** What a replay writes: queued again as if new, its retry window starting now. */
    private static final String REQUEUE = "UPDATE workflow_event SET delivery_status = 'PENDING', delivery_attempts = 0, "
            + "next_attempt_at = now(), retry_from = now(), lease_until = NULL, lease_token = NULL, delivered_at = NULL ";

    private final PostgresTransactions transactions;

    PostgresEventLog(PostgresTransactions transactions) {
        this.transactions = transactions;
    }

    /** A WHERE clause built from the filters that are set, with its positional parameters. */
    private static final class Where {
        final StringBuilder sql = new StringBuilder(" WHERE TRUE");
        final List<Object> params = new ArrayList<>();

        /** Adds {@code condition}, whose {@code ?}s take {@code values} in order. */
        Where and(String condition, Object... values) {
            sql.append(" AND ");
            int value = 0;
            for (char c : condition.toCharArray()) {
                if (c == '?') {
                    Object v = values[value++];
                    params.add(v instanceof Instant i ? Timestamp.from(i) : v);
                    sql.append('?').append(params.size());
                } else {
                    sql.append(c);
                }
            }
            return this;
        }
    }

    EventPage list(EventQuery query) {
        Where where = new Where();
        if (query.status() != null) {
            where.and("delivery_status = ?", query.status().name());
        }
        if (query.eventType() != null) {
            where.and("event_type = ?", query.eventType());
        }
        if (query.ohid() != null) {
            where.and("ohid = ?", query.ohid());
        }
        occurredBetween(where, query.from(), query.to());
        if (query.after() != null) {
            where.and("(occurred_at, id) < (?, ?)", query.after().occurredAt(), query.after().id());
        }
        where.params.add(query.limit() + 1);
        String sql = "SELECT id, event_type, ohid, delivery_status, delivery_attempts, last_error, occurred_at, next_attempt_at "
                + "FROM workflow_event" + where.sql + " ORDER BY occurred_at DESC, id DESC LIMIT ?" + where.params.size();
        List<ListedEvent> rows = transactions.inTransaction(em -> {
            var q = em.createNativeQuery(sql);
            for (int i = 0; i < where.params.size(); i++) {
                q.setParameter(i + 1, where.params.get(i));
            }
            @SuppressWarnings("unchecked")
            List<Object[]> result = q.getResultList();
            List<ListedEvent> events = new ArrayList<>(result.size());
            for (Object[] r : result) {
                DeliveryStatus status = DeliveryStatus.valueOf((String) r[3]);
                events.add(new ListedEvent(PostgresOutbox.uuid(r[0]), (String) r[1], PostgresOutbox.uuid(r[2]), status,
                        ((Number) r[4]).intValue(), (String) r[5], PostgresOutbox.instant(r[6]),
                        status == DeliveryStatus.PENDING ? PostgresOutbox.instant(r[7]) : null));
            }
            return events;
        });
        return EventPage.of(rows, query.limit());
    }

    int replay(Collection<UUID> eventIds) {
        if (eventIds.isEmpty()) {
            return 0;
        }
        StringBuilder ids = new StringBuilder();
        for (int i = 1; i <= eventIds.size(); i++) {
            ids.append(i == 1 ? "" : ", ").append('?').append(i);
        }
        return update(REQUEUE + "WHERE delivery_status IN ('FAILED', 'DELIVERED') AND id IN (" + ids + ")",
                new ArrayList<>(eventIds));
    }

    int replay(ReplayFilter filter) {
        Where where = new Where().and("delivery_status = 'FAILED'");
        if (filter.eventType() != null) {
            where.and("event_type = ?", filter.eventType());
        }
        occurredBetween(where, filter.from(), filter.to());
        return update(REQUEUE + where.sql.toString().trim(), where.params);
    }

    private static void occurredBetween(Where where, Instant from, Instant to) {
        if (from != null) {
            where.and("occurred_at >= ?", from);
        }
        if (to != null) {
            where.and("occurred_at < ?", to);
        }
    }

    private int update(String sql, List<?> params) {
        return transactions.inTransaction(em -> {
            var q = em.createNativeQuery(sql);
            for (int i = 0; i < params.size(); i++) {
                q.setParameter(i + 1, params.get(i));
            }
            return q.executeUpdate();
        });
    }
}
