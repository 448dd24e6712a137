package it.com.opulenthorizons.gateway.store;

import static it.com.opulenthorizons.gateway.GatewayUnderTest.call;
import static it.com.opulenthorizons.gateway.GatewayUnderTest.text;
import static it.com.opulenthorizons.gateway.GatewayUnderTest.unique;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.opulenthorizons.gateway.testing.ValidLead;

import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import it.com.opulenthorizons.gateway.GatewayUnderTest;
import it.com.opulenthorizons.gateway.ItPostgres;

/**
 * The gateway's database sessions run with lock_timeout (DB_LOCK_TIMEOUT_MS, 1.5 s on the test
 * server): an ingest that waits behind a lock on the same person gives up with a clear error and
 * its connection back, instead of holding it until the socket times out.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class StoreTimeoutsIT {

    @Test
    void anIngestBehindAHeldPersonLockGivesUpAfterTheLockTimeoutAndWritesNothing() throws Exception {
        String email = unique("locked") + "@example.com";
        McpSyncClient client = GatewayUnderTest.mcpClient("/mcp/lead-ingest");
        try (Connection holder = ItPostgres.dataSource().getConnection()) {
            // The key sql/V5's gateway_ingest_lead locks for this email, held by this session until unlocked
            lock(holder, "pg_advisory_lock", email);
            Instant started = Instant.now();
            CallToolResult refused = call(client, "ingest_lead", ValidLead.web(unique("w")).email(email).arguments());
            Duration waited = Duration.between(started, Instant.now());

            assertThat(refused.isError()).isTrue();
            assertThat(text(refused)).startsWith("another ingest or change of the same person held its lock longer than "
                    + "DB_LOCK_TIMEOUT_MS; nothing was written; try again");
            assertThat(waited).isBetween(Duration.ofMillis(1400), Duration.ofSeconds(10));
            assertThat(text(call(client, "lookup_ohid", Map.of("email", email)))).contains("\"found\":false");

            lock(holder, "pg_advisory_unlock", email);
            CallToolResult accepted = call(client, "ingest_lead", ValidLead.web(unique("w")).email(email).arguments());
            assertThat(accepted.isError()).as(text(accepted)).isFalse();
        } finally {
            client.closeGracefully();
        }
    }

    private static void lock(Connection connection, String function, String email) throws Exception {
        try (PreparedStatement statement = connection.prepareStatement("SELECT " + function + "(hashtextextended(?, 0))")) {
            statement.setString(1, "e:" + email);
            statement.execute();
        }
    }
}
