package com.opulenthorizons.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The plans PostgreSQL makes for the store's reads: each is served by an index, with no scan or
 * sort of the whole table. The tables here are small, so each test asks whether an index CAN serve
 * (the other plans turned off), not which plan a million rows would get.
 */
class PostgresQueryPlansTest {

    private static DataSource dataSource;

    @BeforeAll
    static void migrate() {
        dataSource = TestPostgres.newMigratedDatabase();
    }

    /** The OHID of an email or phone comes from its partial index, newest first. */
    @Test
    void lookupsByEmailAndPhoneUseTheIndexes() throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("SET enable_seqscan = off"); // a small table would otherwise be scanned: we ask whether the index CAN serve
            assertThat(plan(s, "SELECT ohid FROM lead_context WHERE payload -> 'person' ->> 'email' = 'a@b.c' ORDER BY created_at DESC LIMIT 1"))
                    .contains("idx_lead_context_email_newest").doesNotContain("Sort");
            assertThat(plan(s, "SELECT ohid FROM lead_context WHERE payload -> 'person' ->> 'phone' = '+15550000000' ORDER BY created_at DESC LIMIT 1"))
                    .contains("idx_lead_context_phone_newest").doesNotContain("Sort");
        }
    }

    /**
     * Each search_leads filter is answered from an index, newest first, with no sort of the whole
     * table and no sequential scan: the planner is asked whether an index CAN serve (the other plans
     * off, as the table here is small), as for the identity lookups.
     */
    @Test
    void searchesAndPersonReadsUseTheIndexes() throws Exception {
        String newest = " ORDER BY l.created_at DESC, l.id DESC LIMIT 21";
        String select = "SELECT l.id FROM lead_context l";
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            // whether the indexes CAN answer each query in order, with no scan or sort of the whole table:
            // on a table this small the planner would rather scan, hash and sort
            s.execute("SET enable_seqscan = off; SET enable_bitmapscan = off; SET enable_sort = off; "
                    + "SET enable_hashjoin = off; SET enable_mergejoin = off");
            assertThat(plan(s, select + newest)).contains("idx_lead_context_newest").doesNotContain("Seq Scan");
            // has_call_after_lead is a column of the lead (V23): no probe of the events per lead
            assertThat(plan(s, select + " WHERE l.source_system = 'META' AND l.created_at >= now() - interval '7 days'"
                    + " AND NOT l.called_back" + newest))
                    .contains("idx_lead_context_source_newest").doesNotContain("workflow_event").doesNotContain("Seq Scan");
            // either walk is newest first and stops at the page (on a million leads the planner takes either,
            // by how common the channel is); what must not happen is a scan or a sort of the whole table
            assertThat(plan(s, select + " WHERE l.channel = 'WEB_FORM'" + newest))
                    .containsAnyOf("idx_lead_context_channel_newest", "idx_lead_context_newest")
                    .doesNotContain("Seq Scan").doesNotContain("Sort");
            // text: the newest SEARCH_TEXT_CANDIDATES leads that pass the indexed filters, from their index
            // (a Limit under the text filter: never the whole table), each lead's stored search_text tested
            String candidates = "SELECT l.id FROM (SELECT * FROM lead_context l WHERE l.source_system = 'WEB' "
                    + "AND l.created_at >= now() - interval '30 days'" + newest.replace("21", "4000") + ") l "
                    + "WHERE l.search_text @@ to_tsquery('simple', 'bondi:*')" + newest;
            assertThat(plan(s, candidates)).contains("idx_lead_context_source_newest").contains("Limit")
                    .doesNotContain("Seq Scan").doesNotContain("Sort").doesNotContain("gateway_lead_search_text");
            assertThat(plan(s, candidates.replace("l.source_system = 'WEB' AND ", ""))).contains("idx_lead_context_newest")
                    .doesNotContain("Seq Scan").doesNotContain("Sort");
            assertThat(plan(s, "SELECT id FROM lead_context WHERE ohid = '00000000-0000-0000-0000-000000000001' "
                    + "ORDER BY created_at DESC, id DESC LIMIT 100")).contains("idx_lead_context_ohid_newest").doesNotContain("Sort");
            assertThat(plan(s, "SELECT id FROM workflow_event WHERE ohid = '00000000-0000-0000-0000-000000000001' "
                    + "ORDER BY occurred_at DESC, id DESC LIMIT 21")).contains("idx_workflow_event_ohid_newest")
                    .doesNotContain("Sort");
            assertThat(plan(s, "SELECT ohid FROM lead_context WHERE payload -> 'person' ->> 'phone' = ANY (ARRAY['+15550000000'])"))
                    .contains("idx_lead_context_phone_newest");
        }
    }

    private static String plan(Statement s, String sql) throws Exception {
        StringBuilder plan = new StringBuilder();
        try (ResultSet rs = s.executeQuery("EXPLAIN " + sql)) {
            while (rs.next()) {
                plan.append(rs.getString(1)).append('\n');
            }
        }
        return plan.toString();
    }
}
