package it.com.opulenthorizons.gateway.store;

import static it.com.opulenthorizons.gateway.GatewayUnderTest.call;
import static it.com.opulenthorizons.gateway.GatewayUnderTest.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.opulenthorizons.gateway.testing.ValidLead;

import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import it.com.opulenthorizons.gateway.GatewayUnderTest;
import it.com.opulenthorizons.gateway.ItPostgres;

/** The database goes away under the running server, and comes back. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class StoreOutageIT {

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> ready() throws Exception {
        return http.send(HttpRequest.newBuilder(GatewayUnderTest.uri("/health/ready")).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void readinessIsDownWhileTheDatabaseIsStoppedAndUpAgainAfterwardsWithoutARestart() throws Exception {
        McpSyncClient client = GatewayUnderTest.mcpClient("/mcp/lead-ingest");
        try {
            ItPostgres.stop();
            try {
                Awaitility.await("readiness DOWN").atMost(Duration.ofSeconds(30)).until(() -> ready().statusCode() == 503);
                assertThat(ready().body()).contains("\"status\":\"DOWN\"").doesNotContain("unreachable");
                // the reason is a detail: /admin/health, from this machine
                HttpResponse<String> details = http.send(HttpRequest.newBuilder(GatewayUnderTest.uri("/admin/health")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(details.statusCode()).isEqualTo(503);
                assertThat(details.body()).contains("\"status\":\"DOWN\"").contains("unreachable").doesNotContain("password");

                CallToolResult duringOutage = call(client, "lookup_ohid", Map.of("email", "ann@example.com"));
                assertThat(duringOutage.isError()).isTrue();
                assertThat(text(duringOutage)).contains("PostgreSQL").contains("unreachable").contains("correlation id");
            } finally {
                ItPostgres.start();
            }
            Awaitility.await("readiness UP").atMost(Duration.ofSeconds(60)).until(() -> ready().statusCode() == 200);

            CallToolResult afterwards = call(client, "ingest_lead",
                    ValidLead.web("outage-" + UUID.randomUUID()).marketingConsent(false).arguments());
            assertThat(afterwards.isError()).as(text(afterwards)).isFalse();
        } finally {
            client.closeGracefully();
        }
    }
}
