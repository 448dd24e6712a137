package com.opulenthorizons.gateway.store;

import static com.opulenthorizons.gateway.store.PostgresPeople.bind;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;

import com.opulenthorizons.gateway.common.WireJson;
import com.opulenthorizons.gateway.telemetry.TraceHeaders;

/** {@code workflow_event} rows written over JDBC, inside a transaction that may do more than that. */
final class PostgresEventRows {

    private PostgresEventRows() {
    }

    /**
     * Inserts the event, in the current trace; answers false when an event with its dedup key is
     * already stored, which is then left as it is.
     */
    static boolean insert(Connection c, NewWorkflowEvent event) throws SQLException {
        Optional<TraceHeaders> trace = TraceHeaders.current();
        try (PreparedStatement q = c.prepareStatement("INSERT INTO workflow_event (id, ohid, event_type, payload, "
                + "source_system, correlation_id, trace_parent, trace_state, dedup_key) "
                + "VALUES (?, ?, ?, CAST(? AS jsonb), ?, ?, ?, ?, ?) "
                + "ON CONFLICT (dedup_key) WHERE dedup_key IS NOT NULL DO NOTHING")) {
            bind(q, event.id(), event.ohid(), event.eventType(), WireJson.PLAIN.writeValueAsString(event.payload()),
                    event.sourceSystem(), event.correlationId(), trace.map(TraceHeaders::traceparent).orElse(null),
                    trace.map(TraceHeaders::tracestate).orElse(null), event.dedupKey());
            return q.executeUpdate() == 1;
        }
    }

    /** The id of the stored event with this dedup key. */
    static UUID idByDedupKey(Connection c, String dedupKey) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT id FROM workflow_event WHERE dedup_key = ?")) {
            q.setString(1, dedupKey);
            try (ResultSet rs = q.executeQuery()) {
                if (!rs.next()) { // ON CONFLICT found it, and nothing deletes events: not expected
                    throw new SQLException("no stored event with the dedup key that the insert conflicted with");
                }
                return rs.getObject(1, UUID.class);
            }
        }
    }
}
