package it.com.opulenthorizons.gateway.store;

import static it.com.opulenthorizons.gateway.GatewayUnderTest.call;
import static it.com.opulenthorizons.gateway.GatewayUnderTest.structured;
import static it.com.opulenthorizons.gateway.GatewayUnderTest.text;
import static it.com.opulenthorizons.gateway.GatewayUnderTest.unique;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.api.extension.ExtendWith;

import com.opulenthorizons.gateway.Concurrently;
import com.opulenthorizons.gateway.testing.ValidLead;

import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import it.com.opulenthorizons.gateway.GatewayUnderTest;
import it.com.opulenthorizons.gateway.ItPostgres;

/** The gateway on PostgreSQL, through MCP, with the rows checked in the database itself. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestInstance(Lifecycle.PER_CLASS)
class PostgresStoreIT {

    private McpSyncClient client;

    @BeforeAll
    void connect() {
        client = GatewayUnderTest.mcpClient("/mcp/lead-ingest");
    }

    @AfterAll
    void disconnect() {
        client.closeGracefully();
    }

    /** A web form lead; email and phone may be null. */
    private static Map<String, Object> lead(String sourceLeadId, String email, String phone) {
        return ValidLead.web(sourceLeadId).email(email).phone(phone).arguments();
    }

    private static long count(String sql, Object... params) throws SQLException {
        try (Connection c = ItPostgres.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static void execute(String sql) throws SQLException {
        try (Connection c = ItPostgres.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    @Test
    void theStatusResourceAndReadinessSayPostgres() {
        var status = client.readResource(new io.modelcontextprotocol.spec.McpSchema.ReadResourceRequest("status://pipeline"));
        assertThat(((io.modelcontextprotocol.spec.McpSchema.TextResourceContents) status.contents().get(0)).text())
                .contains("\"store\":\"postgres\"").contains("\"store_reachable\":true");
    }

    @Test
    void anIngestWritesTheLeadAndItsLeadIngestedEventWithTheOhid() throws Exception {
        String email = unique("ann") + "@example.com";
        Map<String, Object> out = structured(call(client, "ingest_lead", lead(unique("w"), email, null)));
        UUID ingestId = UUID.fromString((String) out.get("ingest_id"));
        UUID ohid = UUID.fromString((String) out.get("ohid"));

        assertThat(count("SELECT count(*) FROM lead_context WHERE id = ? AND ohid = ? AND payload -> 'person' ->> 'email' = ?",
                ingestId, ohid, email)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM lead_context WHERE id = ? AND (consent ->> 'marketing_consent')::boolean", ingestId))
                .isEqualTo(1);
        assertThat(count("SELECT count(*) FROM workflow_event WHERE event_type = 'LeadIngested' AND ohid = ? "
                + "AND payload ->> 'ingest_id' = ?", ohid, ingestId.toString())).isEqualTo(1);
    }

    @Test
    void aReplayGivesTheSameIdsAndTheRowCountsDoNotChange() throws Exception {
        Map<String, Object> args = lead(unique("w"), unique("replay") + "@example.com", null);
        Map<String, Object> first = structured(call(client, "ingest_lead", args));
        long leads = count("SELECT count(*) FROM lead_context");
        long events = count("SELECT count(*) FROM workflow_event");

        Map<String, Object> replay = structured(call(client, "ingest_lead", args));

        assertThat(replay).isEqualTo(first);
        assertThat(count("SELECT count(*) FROM lead_context")).isEqualTo(leads);
        assertThat(count("SELECT count(*) FROM workflow_event")).isEqualTo(events);
    }

    @Test
    void concurrentFirstIngestsOfANewEmailGetTheSameOhid() throws Exception {
        String email = unique("race") + "@example.com";
        Set<Object> ohids = concurrently(32, i -> structured(call(client, "ingest_lead", lead(unique("w"), email, null))).get("ohid"));
        assertThat(ohids).hasSize(1).doesNotContainNull();
        assertThat(count("SELECT count(DISTINCT ohid) FROM lead_context WHERE payload -> 'person' ->> 'email' = ?", email))
                .isEqualTo(1);
    }

    @Test
    void concurrentFirstIngestsOfAPhoneInDifferentFormatsGetTheSameOhid() throws Exception {
        String local = String.format("%05d", (int) (Math.random() * 99_999));
        String[] formats = {"+1 415 55" + local, "(415) 55" + local.substring(0, 1) + "-" + local.substring(1),
                "415-55" + local, "+1415 55" + local};
        Set<Object> ohids = concurrently(32,
                i -> structured(call(client, "ingest_lead", lead(unique("w"), null, formats[i % 4]))).get("ohid"));
        assertThat(ohids).hasSize(1).doesNotContainNull();
    }

    @Test
    void concurrentReplaysOfASourceLeadStoreItOnce() throws Exception {
        Map<String, Object> args = lead(unique("w"), unique("dup") + "@example.com", null);
        Set<Object> ingestIds = concurrently(16, i -> structured(call(client, "ingest_lead", args)).get("ingest_id"));
        assertThat(ingestIds).hasSize(1);
        assertThat(count("SELECT count(*) FROM lead_context WHERE source_lead_id = ?", args.get("source_lead_id"))).isEqualTo(1);
    }

    @Test
    void aFailureAtCommitRollsTheWholeIngestBack() throws Exception {
        String sourceLeadId = unique("rollback");
        // A deferred constraint trigger fails this one ingest at COMMIT, after its locks, lookups and
        // inserts all went through: only the transaction can take all of them back.
        execute("CREATE OR REPLACE FUNCTION it_fail_event() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                + "IF NEW.payload ->> 'source_lead_id' = '" + sourceLeadId + "' THEN RAISE EXCEPTION 'forced failure'; END IF; "
                + "RETURN NULL; END $$");
        execute("CREATE CONSTRAINT TRIGGER it_fail_event AFTER INSERT ON workflow_event DEFERRABLE INITIALLY DEFERRED "
                + "FOR EACH ROW EXECUTE FUNCTION it_fail_event()");
        try {
            long leads = count("SELECT count(*) FROM lead_context");
            CallToolResult result = call(client, "ingest_lead", lead(sourceLeadId, unique("rb") + "@example.com", null));

            assertThat(result.isError()).isTrue();
            assertThat(text(result)).contains("nothing was written").contains("correlation id");
            assertThat(count("SELECT count(*) FROM lead_context WHERE source_lead_id = ?", sourceLeadId)).isZero();
            assertThat(count("SELECT count(*) FROM lead_context")).isEqualTo(leads);
        } finally {
            execute("DROP TRIGGER it_fail_event ON workflow_event");
            execute("DROP FUNCTION it_fail_event()");
        }
        // Once the cause is gone, the same lead goes in.
        assertThat(call(client, "ingest_lead", lead(sourceLeadId, null, null)).isError()).isFalse();
    }

    @Test
    void theServerMigratedTheEmptyDatabaseToTheNewestScript() throws Exception {
        List<Long> versions;
        try (var files = java.nio.file.Files.list(java.nio.file.Path.of("sql"))) {
            // version numbers may have gaps (each change is given its own numbers)
            versions = files.map(f -> f.getFileName().toString()).filter(n -> n.matches("V\\d+__.*\\.sql"))
                    .map(n -> Long.valueOf(n.substring(1, n.indexOf("__")))).toList();
        }
        assertThat(count("SELECT count(*) FROM flyway_schema_history WHERE success AND version IS NOT NULL")).isEqualTo((long) versions.size());
        assertThat(count("SELECT max(version::int) FROM flyway_schema_history WHERE success"))
                .isEqualTo(versions.stream().mapToLong(Long::longValue).max().orElseThrow());
        assertThat(count("SELECT count(*) FROM flyway_schema_history WHERE NOT success")).isZero();
        assertThat(count("SELECT count(*) FROM pg_indexes WHERE indexname = 'uq_lead_context_source'")).isEqualTo(1);
    }

    private static <T> Set<T> concurrently(int threads, Concurrently.IndexedCall<T> task) throws Exception {
        return new HashSet<>(Concurrently.run(threads, task));
    }
}
