package com.opulenthorizons.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.SocketTimeoutException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

class SchemaMigratorTest {

    private static List<String> column(DataSource ds, String sql) throws Exception {
        List<String> values = new ArrayList<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    /** The versioned scripts of sql/, and the newest version among them. */
    private static final List<Integer> VERSIONS = versions();
    private static final int SCRIPTS = VERSIONS.size();
    private static final String NEWEST = String.valueOf(VERSIONS.get(VERSIONS.size() - 1));

    private static List<Integer> versions() {
        String[] names = new java.io.File("sql").list((dir, name) -> name.matches("V\\d+__.*\\.sql"));
        return java.util.Arrays.stream(names).map(n -> Integer.valueOf(n.substring(1, n.indexOf("__")))).sorted().toList();
    }

    @Test
    void migratesAnEmptyDatabaseAndThenHasNothingLeftToDo() throws Exception {
        DataSource ds = TestPostgres.newDatabase();
        SchemaMigrator migrator = new SchemaMigrator(ds);

        assertThat(migrator.migrate()).isEqualTo(SCRIPTS);
        assertThat(migrator.isMigrated()).isTrue();
        assertThat(migrator.schemaVersion()).isEqualTo(NEWEST);
        assertThat(new SchemaMigrator(ds).migrate()).isZero();

        assertThat(column(ds, "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"))
                .contains("lead_context", "workflow_event");
        assertThat(column(ds, "SELECT indexname FROM pg_indexes WHERE schemaname = 'public' AND indexname NOT LIKE '%pkey' "
                + "AND tablename IN ('lead_context', 'workflow_event') ORDER BY 1"))
                .containsExactly("idx_lead_context_channel_newest", "idx_lead_context_email_newest", "idx_lead_context_newest",
                        "idx_lead_context_ohid_newest", "idx_lead_context_phone_newest",
                        "idx_lead_context_source_newest", "idx_workflow_event_calls",
                        "idx_workflow_event_due", "idx_workflow_event_failed", "idx_workflow_event_newest",
                        "idx_workflow_event_ohid_newest", "idx_workflow_event_pending_ohid", "idx_workflow_event_status_newest",
                        "idx_workflow_event_type_newest", "uq_lead_context_source", "uq_workflow_event_dedup");
        assertThat(column(ds, "SELECT proname FROM pg_proc WHERE proname LIKE 'gateway_ingest%' ORDER BY 1"))
                .as("one ingest function, the one the server calls").containsExactly("gateway_ingest_lead_and_consent");
        assertThat(column(ds, "SELECT attgenerated FROM pg_attribute WHERE attrelid = 'lead_context'::regclass "
                + "AND attname = 'search_text'"))
                .as("search_text is the ingest's to fill (V22), not an expression planned again for every insert")
                .containsExactly("");
    }

    /** A backfill can run longer than the pool lets a request wait for an answer (sql/V24: 35 s on a million leads). */
    @Test
    void migrationsRunWithoutThePoolsSocketTimeout() throws Exception {
        DataSource pool = TestPostgres.newDatabase(Map.of("socketTimeout", "1"));
        String sleep = "SELECT pg_sleep(1.5)";
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.execute(sleep)).as("a request's connection")
                    .hasRootCauseInstanceOf(SocketTimeoutException.class);
        }
        try (Connection c = SchemaMigrator.withoutNetworkTimeout(pool).getConnection(); Statement s = c.createStatement()) {
            assertThat(c.getNetworkTimeout()).isZero();
            assertThat(s.execute(sleep)).isTrue();
        }
    }

    @Test
    void adoptsADatabaseTheOriginalSystemCreated() throws Exception {
        DataSource ds = TestPostgres.newDatabase();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE lead_context (id UUID PRIMARY KEY, ohid UUID NOT NULL, source_system VARCHAR(50), "
                    + "source_lead_id VARCHAR(255), channel VARCHAR(50), payload JSONB, consent JSONB, created_at TIMESTAMPTZ DEFAULT now())");
            // old-1's person was called back an hour after it, old-2's person only before it
            s.execute("INSERT INTO lead_context (id, ohid, source_system, source_lead_id, created_at) VALUES "
                    + "(gen_random_uuid(), '00000000-0000-0000-0000-000000000001', 'WEB', 'old-1', now() - interval '2 hours'), "
                    + "(gen_random_uuid(), '00000000-0000-0000-0000-000000000002', 'WEB', 'old-2', now() - interval '2 hours')");
            s.execute("CREATE TABLE workflow_event (id UUID PRIMARY KEY, ohid UUID, event_type VARCHAR(100), payload JSONB, "
                    + "occurred_at TIMESTAMPTZ DEFAULT now(), source_system VARCHAR(50))");
            s.execute("INSERT INTO workflow_event (id, ohid, event_type, occurred_at) VALUES "
                    + "(gen_random_uuid(), NULL, 'LeadIngested', now()), "
                    + "(gen_random_uuid(), '00000000-0000-0000-0000-000000000001', 'CallCompleted', now() - interval '1 hour'), "
                    + "(gen_random_uuid(), '00000000-0000-0000-0000-000000000002', 'CallReceived', now() - interval '3 hours')");
        }
        assertThat(new SchemaMigrator(ds).migrate()).isEqualTo(SCRIPTS);
        assertThat(column(ds, "SELECT source_lead_id FROM lead_context ORDER BY 1")).containsExactly("old-1", "old-2");
        // The original system already sent (or dropped) its events: the outbox does not resend them.
        assertThat(column(ds, "SELECT DISTINCT delivery_status FROM workflow_event")).containsExactly("PRE_OUTBOX");
        assertThat(column(ds, "SELECT source_lead_id FROM lead_context WHERE called_back"))
                .as("has_call_after_lead of the leads already stored (V23)").containsExactly("old-1");
    }
}
