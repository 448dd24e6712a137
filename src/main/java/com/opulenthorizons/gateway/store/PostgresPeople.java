package com.opulenthorizons.gateway.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import com.opulenthorizons.gateway.telemetry.ClientSpans;
import com.opulenthorizons.gateway.common.WireJson;

import tools.jackson.core.type.TypeReference;

/**
 * The PostgreSQL store's people: plain JDBC, each call one transaction. Reads run read-only in
 * REPEATABLE READ, so a person's leads, consent and events come from one snapshot. Changes are
 * {@link PostgresPersonChanges}', searches {@link PostgresLeadSearch}'s.
 */
final class PostgresPeople {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };
    /**
     * A lead as people reads load it: without the source's raw body ({@code raw_payload}, up to
     * RAW_PAYLOAD_MAX_BYTES a lead), which no view shows; a page of 100 leads would otherwise carry
     * up to 100 of them from the database and through the JSON parser.
     */
    static final String LEAD_COLUMNS = "l.id, l.ohid, l.source_system, l.source_lead_id, l.channel, "
            + "l.payload - 'raw_payload', l.consent, l.created_at";

    /** A unit of JDBC work in one transaction. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private final DataSource dataSource;
    private final SchemaMigrator migrator;
    private final PostgresTransactions transactions;

    PostgresPeople(DataSource dataSource, SchemaMigrator migrator, PostgresTransactions transactions) {
        this.dataSource = dataSource;
        this.migrator = migrator;
        this.transactions = transactions;
    }

    /**
     * The first statement of a read: one snapshot for all its queries, read-only. It goes in the
     * transaction's first round trip (the driver sends BEGIN with it); setting the session's
     * isolation through JDBC instead cost a round trip to set it and another to reset it on every read.
     */
    static final String READ_SNAPSHOT = "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY";

    <T> T inTransaction(boolean readOnly, Work<T> work) {
        return inTransaction(readOnly ? READ_SNAPSHOT : null, work);
    }

    /** {@code work} in one transaction that begins with {@code firstStatements} (none when null), in one round trip. */
    <T> T inTransaction(String firstStatements, Work<T> work) {
        migrator.ensureMigrated();
        try (ClientSpans.Traced span = ClientSpans.databaseInTrace("TRANSACTION", "postgresql");
                Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                if (firstStatements != null) {
                    try (Statement settings = c.createStatement()) {
                        settings.execute(firstStatements);
                    }
                }
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw transactions.translate(e);
        }
    }

    Optional<PersonRecord> person(UUID ohid, EventCursor after, int eventLimit) {
        return inTransaction(true, c -> {
            Identity identity = identity(c, ohid);
            UUID mergedInto = identity.mergedInto();
            UUID effective = mergedInto == null ? ohid : mergedInto;
            if (identity.tombstone() != null) {
                return Optional.of(PersonRecord.forgotten(ohid, mergedInto, identity.tombstone()));
            }
            List<StoredLead> leads = leads(c, "SELECT " + LEAD_COLUMNS + " FROM lead_context l WHERE l.ohid = ? "
                    + "ORDER BY l.created_at DESC, l.id DESC LIMIT " + PersonStore.LEAD_LIMIT, effective);
            List<RecordedConsent> consent = consent(c, effective);
            List<StoredEvent> events = events(c, effective, after, eventLimit + 1);
            return PersonRecord.of(ohid, mergedInto, leads, consent, events, eventLimit, sharedPhones(c, effective, leads));
        });
    }

    /** Whom an OHID was merged into, if anyone, and the erasure of that person, if any. */
    private record Identity(UUID mergedInto, Tombstone tombstone) {
    }

    /** {@link #survivor} and {@link #tombstone} of the survivor in one round trip. */
    private static Identity identity(Connection c, UUID ohid) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT m.surviving_ohid, t.ohid, t.forgotten_at, t.forgotten_by, t.reason "
                + "FROM (SELECT CAST(? AS uuid) AS ohid) x LEFT JOIN person_merge m ON m.absorbed_ohid = x.ohid "
                + "LEFT JOIN person_tombstone t ON t.ohid = coalesce(m.surviving_ohid, x.ohid)")) {
            q.setObject(1, ohid);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                UUID forgotten = rs.getObject(2, UUID.class);
                return new Identity(rs.getObject(1, UUID.class), forgotten == null ? null
                        : new Tombstone(forgotten, rs.getTimestamp(3).toInstant(), rs.getString(4), rs.getString(5)));
            }
        }
    }

    static Optional<UUID> survivor(Connection c, UUID ohid) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT surviving_ohid FROM person_merge WHERE absorbed_ohid = ?")) {
            q.setObject(1, ohid);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? Optional.of(rs.getObject(1, UUID.class)) : Optional.empty();
            }
        }
    }

    static Optional<Tombstone> tombstone(Connection c, UUID ohid) throws SQLException {
        try (PreparedStatement q = c.prepareStatement(
                "SELECT forgotten_at, forgotten_by, reason FROM person_tombstone WHERE ohid = ?")) {
            q.setObject(1, ohid);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next()
                        ? Optional.of(new Tombstone(ohid, rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3)))
                        : Optional.empty();
            }
        }
    }

    static List<StoredLead> leads(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement q = c.prepareStatement(sql)) {
            bind(q, params);
            try (ResultSet rs = q.executeQuery()) {
                List<StoredLead> leads = new ArrayList<>();
                while (rs.next()) {
                    leads.add(new StoredLead(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
                            rs.getString(4), rs.getString(5), json(rs.getString(6)), json(rs.getString(7)),
                            rs.getTimestamp(8).toInstant()));
                }
                return leads;
            }
        }
    }

    private static List<RecordedConsent> consent(Connection c, UUID ohid) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT state, source, recorded_at, recorded_by FROM person_consent "
                + "WHERE ohid = ? ORDER BY recorded_at DESC LIMIT 100")) {
            q.setObject(1, ohid);
            try (ResultSet rs = q.executeQuery()) {
                List<RecordedConsent> entries = new ArrayList<>();
                while (rs.next()) {
                    entries.add(new RecordedConsent(ohid, ConsentState.valueOf(rs.getString(1)), rs.getString(2),
                            rs.getTimestamp(3).toInstant(), rs.getString(4)));
                }
                return entries;
            }
        }
    }

    private static List<StoredEvent> events(Connection c, UUID ohid, EventCursor after, int rows) throws SQLException {
        // the timeline shows no sender's raw body (TimelineEvent), so it stays in the database
        String sql = "SELECT id, event_type, payload - '{raw,raw_payload}'::text[], occurred_at, source_system, "
                + "correlation_id, delivery_status, delivery_attempts, last_error FROM workflow_event WHERE ohid = ?"
                + (after == null ? "" : " AND (occurred_at, id) < (?, ?)") + " ORDER BY occurred_at DESC, id DESC LIMIT " + rows;
        try (PreparedStatement q = c.prepareStatement(sql)) {
            if (after == null) {
                bind(q, ohid);
            } else {
                bind(q, ohid, Timestamp.from(after.occurredAt()), after.id());
            }
            try (ResultSet rs = q.executeQuery()) {
                List<StoredEvent> events = new ArrayList<>();
                while (rs.next()) {
                    events.add(new StoredEvent(rs.getObject(1, UUID.class), ohid, rs.getString(2), json(rs.getString(3)),
                            rs.getTimestamp(4).toInstant(), rs.getString(5), rs.getString(6),
                            DeliveryStatus.valueOf(rs.getString(7)), rs.getInt(8), rs.getString(9)));
                }
                return events;
            }
        }
    }

    /** Other OHIDs with leads that carry one of these leads' phones (on the phone index). */
    private static List<SharedPhone> sharedPhones(Connection c, UUID ohid, List<StoredLead> leads) throws SQLException {
        List<String> phones = leads.stream().map(PostgresPeople::phoneOf).filter(p -> p != null).distinct().toList();
        if (phones.isEmpty()) {
            return List.of();
        }
        try (PreparedStatement q = c.prepareStatement("SELECT DISTINCT payload -> 'person' ->> 'phone', ohid FROM lead_context "
                + "WHERE payload -> 'person' ->> 'phone' = ANY (?) AND ohid <> ? LIMIT 20")) {
            q.setArray(1, c.createArrayOf("text", phones.toArray()));
            q.setObject(2, ohid);
            try (ResultSet rs = q.executeQuery()) {
                List<SharedPhone> shared = new ArrayList<>();
                while (rs.next()) {
                    shared.add(new SharedPhone(rs.getString(1), rs.getObject(2, UUID.class)));
                }
                return shared;
            }
        }
    }

    static String emailOf(StoredLead lead) {
        return lead.payload() != null && lead.payload().get("person") instanceof Map<?, ?> person
                && person.get("email") instanceof String email ? email : null;
    }

    static String phoneOf(StoredLead lead) {
        return lead.payload() != null && lead.payload().get("person") instanceof Map<?, ?> person
                && person.get("phone") instanceof String phone ? phone : null;
    }

    static void bind(PreparedStatement q, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            q.setObject(i + 1, params[i]);
        }
    }

    static Map<String, Object> json(String text) {
        return text == null ? null : WireJson.PLAIN.readValue(text, MAP);
    }
}
