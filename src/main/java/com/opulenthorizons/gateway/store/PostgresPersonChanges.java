package com.opulenthorizons.gateway.store;

import static com.opulenthorizons.gateway.store.PostgresPeople.bind;
import static com.opulenthorizons.gateway.store.PostgresPeople.survivor;
import static com.opulenthorizons.gateway.store.PostgresPeople.tombstone;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The PostgreSQL store's changes to a person as a whole: consent, erasure and merge, each one
 * transaction. Each first takes the person's {@code o:} lock, then the ingest locks of every
 * contact key their leads carry ({@link PostgresPersonLocks}), until no new key turns up: an
 * ingest of any of those keys then waits for the change to commit and sees its result, and one
 * that committed first is part of what the change sees.
 */
final class PostgresPersonChanges {

    private static final String REDACTED = "{\"redacted\": true}";

    private final PostgresPeople people;

    PostgresPersonChanges(PostgresPeople people) {
        this.people = people;
    }

    RecordedConsent recordConsent(UUID ohid, ConsentState state, String source, String recordedBy,
            Map<String, Object> eventPayload, String correlationId) {
        return people.inTransaction(false, c -> {
            PostgresPersonLocks.lockOhids(c, List.of(ohid));
            UUID effective = survivor(c, ohid).orElse(ohid);
            if (tombstone(c, effective).isPresent()) {
                throw PersonStateException.forgotten(ohid);
            }
            if (!exists(c, effective)) {
                throw PersonStateException.unknown(ohid);
            }
            Instant at;
            try (PreparedStatement q = c.prepareStatement("INSERT INTO person_consent (id, ohid, state, source, recorded_by) "
                    + "VALUES (?, ?, ?, ?, ?) RETURNING recorded_at")) {
                bind(q, UUID.randomUUID(), effective, state.name(), source, recordedBy);
                try (ResultSet rs = q.executeQuery()) {
                    rs.next();
                    at = rs.getTimestamp(1).toInstant();
                }
            }
            insertEvent(c, effective, WorkflowEventType.ConsentChanged, eventPayload, correlationId);
            return new RecordedConsent(effective, state, source, at, recordedBy);
        });
    }

    ForgetOutcome forget(UUID ohid, String forgottenBy, String reason, Map<String, Object> eventPayload, String correlationId) {
        return people.inTransaction(false, c -> {
            PostgresPersonLocks.lockOhids(c, List.of(ohid));
            Optional<UUID> survivor = survivor(c, ohid);
            if (survivor.isPresent()) {
                throw PersonStateException.refused("ohid: " + ohid + " was merged into " + survivor.get()
                        + ", which holds its data now: forget that OHID");
            }
            Optional<Tombstone> before = tombstone(c, ohid);
            if (before.isPresent()) {
                return new ForgetOutcome(before.get(), false);
            }
            if (!exists(c, ohid)) {
                throw PersonStateException.unknown(ohid);
            }
            Set<String> keys = PostgresPersonLocks.lockContactKeys(c, List.of(ohid));
            redactEvents(c, ohid, ContactTraces.of(keys));
            update(c, "DELETE FROM lead_context WHERE ohid = ?", ohid);
            update(c, "DELETE FROM person_consent WHERE ohid = ?", ohid);
            Instant at;
            try (PreparedStatement q = c.prepareStatement("INSERT INTO person_tombstone (ohid, forgotten_by, reason) "
                    + "VALUES (?, ?, ?) RETURNING forgotten_at")) {
                bind(q, ohid, forgottenBy, reason);
                try (ResultSet rs = q.executeQuery()) {
                    rs.next();
                    at = rs.getTimestamp(1).toInstant();
                }
            }
            insertEvent(c, ohid, WorkflowEventType.PersonForgotten, eventPayload, correlationId);
            return new ForgetOutcome(new Tombstone(ohid, at, forgottenBy, reason), true);
        });
    }

    /**
     * Redacts the person's events, and the events without a person that carry one of their contact
     * values however written ({@link ContactTraces}), once no delivery holds any of them: a sender that
     * claimed one holds its payload as it was, so the erasure waits (the rows unlocked, a savepoint
     * rolled back) until the sender records its outcome or its lease ends, up to {@link #MAX_DELIVERY_WAIT_MS}.
     * Once the redacting updates hold the rows without a live lease among them, no claim can take
     * them before this transaction commits (claims skip locked rows), and after it they are redacted.
     */
    private static void redactEvents(Connection c, UUID ohid, ContactTraces traces) throws SQLException {
        long deadline = System.nanoTime() + MAX_DELIVERY_WAIT_MS * 1_000_000L;
        while (true) {
            Savepoint before = c.setSavepoint();
            int inFlight = redacting(c, "WHERE ohid = ?", ohid);
            if (!traces.isEmpty()) {
                inFlight += redacting(c, "WHERE ohid IS NULL AND " + ContactTraces.SQL_CONDITION, traces.emails(), traces.phones());
            }
            if (inFlight == 0) {
                c.releaseSavepoint(before);
                return;
            }
            c.rollback(before);
            if (System.nanoTime() > deadline) {
                throw PersonStateException.deliveryInFlight(ohid);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw PersonStateException.deliveryInFlight(ohid);
            }
        }
    }

    /** How long an erasure waits for deliveries in flight of the person's events: past a sender's timeout. */
    static final long MAX_DELIVERY_WAIT_MS = 30_000;

    /** Redacts the events {@code where} selects; answers how many of them a sender holds right now. */
    private static int redacting(Connection c, String where, Object... params) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("UPDATE workflow_event SET payload = CAST('" + REDACTED
                + "' AS jsonb), last_error = NULL " + where
                + " RETURNING delivery_status = 'PENDING' AND lease_until > clock_timestamp()")) {
            for (int i = 0; i < params.length; i++) {
                q.setObject(i + 1, params[i] instanceof List<?> list ? c.createArrayOf("text", list.toArray()) : params[i]);
            }
            int held = 0;
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    held += rs.getBoolean(1) ? 1 : 0;
                }
            }
            return held;
        }
    }

    MergeOutcome merge(UUID surviving, UUID absorbed, String mergedBy, String reason, Map<String, Object> eventPayload,
            String correlationId) {
        if (surviving.equals(absorbed)) {
            throw PersonStateException.refused("absorbed_ohid: is the surviving OHID; a person cannot absorb themselves");
        }
        return people.inTransaction(false, c -> {
            PostgresPersonLocks.lockOhids(c, List.of(surviving, absorbed));
            Optional<UUID> survivorsSurvivor = survivor(c, surviving);
            if (survivorsSurvivor.isPresent()) {
                throw PersonStateException.refused("surviving_ohid: was itself merged into " + survivorsSurvivor.get()
                        + "; merge into that OHID");
            }
            Optional<UUID> before = survivor(c, absorbed);
            if (before.isPresent()) {
                if (before.get().equals(surviving)) {
                    return new MergeOutcome(surviving, absorbed, mergedAt(c, absorbed), false);
                }
                throw PersonStateException.refused("absorbed_ohid: was already merged into " + before.get());
            }
            for (UUID ohid : List.of(surviving, absorbed)) {
                if (tombstone(c, ohid).isPresent()) {
                    throw PersonStateException.forgotten(ohid);
                }
                if (!exists(c, ohid)) {
                    throw PersonStateException.unknown(ohid);
                }
            }
            PostgresPersonLocks.lockContactKeys(c, List.of(surviving, absorbed));
            update(c, "UPDATE lead_context SET ohid = ? WHERE ohid = ?", surviving, absorbed);
            update(c, "UPDATE workflow_event SET ohid = ? WHERE ohid = ?", surviving, absorbed);
            PostgresEventAppender.markCalledBack(c, surviving); // the absorbed person's calls can follow the survivor's leads
            update(c, "UPDATE person_consent SET ohid = ? WHERE ohid = ?", surviving, absorbed);
            update(c, "UPDATE person_merge SET surviving_ohid = ? WHERE surviving_ohid = ?", surviving, absorbed);
            update(c, "INSERT INTO person_merge (absorbed_ohid, surviving_ohid, merged_by, reason) VALUES (?, ?, ?, ?)",
                    absorbed, surviving, mergedBy, reason);
            Map<String, Object> payload = new LinkedHashMap<>(eventPayload);
            payload.put("absorbed_ohid", absorbed.toString());
            insertEvent(c, surviving, WorkflowEventType.PeopleMerged, payload, correlationId);
            return new MergeOutcome(surviving, absorbed, mergedAt(c, absorbed), true);
        });
    }

    private static Instant mergedAt(Connection c, UUID absorbed) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT merged_at FROM person_merge WHERE absorbed_ohid = ?")) {
            q.setObject(1, absorbed);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getTimestamp(1).toInstant();
            }
        }
    }

    private static void update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement q = c.prepareStatement(sql)) {
            bind(q, params);
            q.executeUpdate();
        }
    }

    /** Whether the store has any lead or event of {@code ohid}. */
    private static boolean exists(Connection c, UUID ohid) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT EXISTS (SELECT 1 FROM lead_context WHERE ohid = ?) "
                + "OR EXISTS (SELECT 1 FROM workflow_event WHERE ohid = ?)")) {
            bind(q, ohid, ohid);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private static void insertEvent(Connection c, UUID ohid, WorkflowEventType type, Map<String, Object> payload,
            String correlationId) throws SQLException {
        PostgresEventRows.insert(c, new NewWorkflowEvent(UUID.randomUUID(), ohid, type.name(), payload,
                WorkflowEventType.GATEWAY_SOURCE, null, correlationId));
    }
}
