package com.opulenthorizons.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The people contract on a real PostgreSQL, and the plans its reads get. */
class PostgresPersonStoreTest extends PersonStoreContract {

    private static TestPostgres.OpenStore postgres;

    @BeforeAll
    static void startStore() {
        postgres = TestPostgres.newStore();
    }

    @AfterAll
    static void closeStore() {
        postgres.close();
    }

    @Override
    protected LeadStore store() {
        return postgres.store();
    }

    /**
     * Each search_leads filter is answered from an index, newest first, with no sort of the whole
     * table and no sequential scan: the planner is asked whether an index CAN serve (seqscan off,
     * as the table here is small), as for the identity lookups.
     */
    @Test
    void searchesAndPersonReadsUseTheIndexes() throws Exception {
        String newest = " ORDER BY l.created_at DESC, l.id DESC LIMIT 21";
        String select = "SELECT l.id FROM lead_context l";
        try (Connection c = postgres.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("SET enable_seqscan = off");
            assertThat(plan(s, select + newest)).contains("idx_lead_context_newest").doesNotContain("Seq Scan");
            assertThat(plan(s, select + " WHERE l.source_system = 'META' AND l.created_at >= now() - interval '7 days'"
                    + " AND NOT EXISTS (SELECT 1 FROM workflow_event e WHERE e.ohid = l.ohid"
                    + " AND e.event_type IN ('CallReceived', 'CallCompleted') AND e.occurred_at >= l.created_at)" + newest))
                    .contains("idx_lead_context_source_newest").contains("idx_workflow_event_calls").doesNotContain("Seq Scan");
            assertThat(plan(s, select + " WHERE l.channel = 'WEB_FORM'" + newest)).contains("idx_lead_context_channel_newest");
            assertThat(plan(s, select + " WHERE gateway_lead_search_text(l.payload) @@ to_tsquery('simple', 'bondi:*')" + newest))
                    .contains("idx_lead_context_search").doesNotContain("Seq Scan");
            assertThat(plan(s, "SELECT id FROM lead_context WHERE ohid = '00000000-0000-0000-0000-000000000001' "
                    + "ORDER BY created_at DESC, id DESC LIMIT 100")).contains("idx_lead_context_ohid_newest").doesNotContain("Sort");
            assertThat(plan(s, "SELECT id FROM workflow_event WHERE ohid = '00000000-0000-0000-0000-000000000001' "
                    + "ORDER BY occurred_at DESC, id DESC LIMIT 21")).contains("idx_workflow_event_ohid_newest")
                    .doesNotContain("Sort");
            assertThat(plan(s, "SELECT ohid FROM lead_context WHERE payload -> 'person' ->> 'phone' = ANY (ARRAY['+15550000000'])"))
                    .contains("idx_lead_context_phone_newest");
        }
    }

    static String plan(Statement s, String sql) throws Exception {
        StringBuilder plan = new StringBuilder();
        try (ResultSet rs = s.executeQuery("EXPLAIN " + sql)) {
            while (rs.next()) {
                plan.append(rs.getString(1)).append('\n');
            }
        }
        return plan.toString();
    }
}
