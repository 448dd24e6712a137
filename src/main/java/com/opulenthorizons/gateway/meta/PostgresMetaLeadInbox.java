package com.opulenthorizons.gateway.meta;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import com.opulenthorizons.gateway.common.WireJson;
import com.opulenthorizons.gateway.store.StoreUnavailableException;

/**
 * The inbox in PostgreSQL ({@code meta_lead_inbox}, sql/V13): each method one JDBC transaction on the
 * gateway's datasource, claims leased with {@code FOR UPDATE SKIP LOCKED} so that replicas take
 * disjoint rows, and every settling update matched on the claim's lease token, as the workflow
 * outbox does. The table comes with the store's schema migration at start-up.
 */
public class PostgresMetaLeadInbox implements MetaLeadInbox {

    private static final String COLUMNS = "leadgen_id, form_id, page_id, ad_id, attempts, retry_from, failures, correlation_id";
    private static final String CLAIM_DUE = "UPDATE meta_lead_inbox SET lease_until = now() + (? * interval '1 millisecond'), "
            + "lease_token = ? WHERE leadgen_id IN (SELECT leadgen_id FROM meta_lead_inbox WHERE status = 'PENDING' "
            + "AND next_attempt_at <= now() AND (lease_until IS NULL OR lease_until < now()) "
            + "ORDER BY next_attempt_at LIMIT ? FOR UPDATE SKIP LOCKED) RETURNING " + COLUMNS;
    private static final String SETTLE = " , lease_until = NULL, lease_token = NULL, updated_at = now() "
            + "WHERE leadgen_id = ? AND lease_token = ? AND status = 'PENDING'";
    private static final String REPLAY = "UPDATE meta_lead_inbox SET status = 'PENDING', attempts = 0, retry_from = now(), "
            + "next_attempt_at = now(), updated_at = now() WHERE status = 'FAILED'";

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private final DataSource dataSource;

    public PostgresMetaLeadInbox(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public boolean receive(LeadgenNotification n, String correlationId) {
        return inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO meta_lead_inbox (leadgen_id, form_id, page_id, ad_id, "
                    + "created_time, notification, correlation_id) VALUES (?, ?, ?, ?, ?, ?::jsonb, ?) "
                    + "ON CONFLICT (leadgen_id) DO NOTHING")) {
                s.setString(1, n.leadgenId());
                s.setString(2, n.formId());
                s.setString(3, n.pageId());
                s.setString(4, n.adId());
                s.setObject(5, n.createdTime());
                s.setString(6, WireJson.PLAIN.writeValueAsString(n.value()));
                s.setString(7, correlationId);
                return s.executeUpdate() == 1;
            }
        });
    }

    @Override
    public List<InboxLead> claimDue(int max, Duration lease) {
        UUID token = UUID.randomUUID();
        return inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement(CLAIM_DUE)) {
                s.setLong(1, lease.toMillis());
                s.setObject(2, token);
                s.setInt(3, max);
                List<InboxLead> claimed = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        claimed.add(new InboxLead(r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getInt(5),
                                r.getTimestamp(6).toInstant(), r.getInt(7), r.getString(8), token));
                    }
                }
                return claimed;
            }
        });
    }

    @Override
    public boolean markIngested(String leadgenId, UUID leaseToken, UUID ingestId) {
        return update("UPDATE meta_lead_inbox SET status = 'INGESTED', attempts = attempts + 1, last_error = NULL, ingest_id = ?"
                + SETTLE, ingestId, leadgenId, leaseToken) > 0;
    }

    @Override
    public boolean markRetry(String leadgenId, UUID leaseToken, int attempts, Instant nextAttempt, String error) {
        return update("UPDATE meta_lead_inbox SET attempts = ?, next_attempt_at = ?, last_error = ?" + SETTLE,
                attempts, Timestamp.from(nextAttempt), truncate(error), leadgenId, leaseToken) > 0;
    }

    @Override
    public boolean markFailed(String leadgenId, UUID leaseToken, int attempts, String error) {
        return update("UPDATE meta_lead_inbox SET status = 'FAILED', failures = failures + 1, attempts = ?, last_error = ?"
                + SETTLE, attempts, truncate(error), leadgenId, leaseToken) > 0;
    }

    @Override
    public int replay(Collection<String> leadgenIds) {
        if (leadgenIds.isEmpty()) {
            return 0;
        }
        return update(REPLAY + " AND leadgen_id = ANY (?)", (Object) leadgenIds.toArray(String[]::new));
    }

    @Override
    public int replayAllFailed() {
        return update(REPLAY);
    }

    @Override
    public List<FailedMetaLead> failed(int limit) {
        return inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT leadgen_id, form_id, page_id, attempts, last_error, updated_at "
                    + "FROM meta_lead_inbox WHERE status = 'FAILED' ORDER BY updated_at DESC LIMIT ?")) {
                s.setInt(1, limit);
                List<FailedMetaLead> failed = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        failed.add(new FailedMetaLead(r.getString(1), r.getString(2), r.getString(3), r.getInt(4), r.getString(5),
                                r.getTimestamp(6).toInstant()));
                    }
                }
                return failed;
            }
        });
    }

    @Override
    public InboxCounts counts() {
        return inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT count(*) FILTER (WHERE status = 'PENDING'), "
                    + "count(*) FILTER (WHERE status = 'INGESTED'), count(*) FILTER (WHERE status = 'FAILED') FROM meta_lead_inbox");
                    ResultSet r = s.executeQuery()) {
                r.next();
                return new InboxCounts(r.getLong(1), r.getLong(2), r.getLong(3));
            }
        });
    }

    private int update(String sql, Object... params) {
        return inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                for (int i = 0; i < params.length; i++) {
                    if (params[i] instanceof String[] array) {
                        s.setArray(i + 1, c.createArrayOf("varchar", array));
                    } else {
                        s.setObject(i + 1, params[i]);
                    }
                }
                return s.executeUpdate();
            }
        });
    }

    private <T> T inTransaction(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            // The notification is then refused with 503, and Meta sends it again.
            throw new StoreUnavailableException("PostgreSQL refused the Meta lead inbox's work (SQLState " + e.getSQLState()
                    + "); nothing was written", e);
        }
    }

    private static String truncate(String error) {
        return error == null || error.length() <= 1000 ? error : error.substring(0, 997) + "...";
    }
}
