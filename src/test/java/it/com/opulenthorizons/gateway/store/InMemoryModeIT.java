package it.com.opulenthorizons.gateway.store;

import static it.com.opulenthorizons.gateway.GatewayUnderTest.call;
import static it.com.opulenthorizons.gateway.GatewayUnderTest.structured;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
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

import com.opulenthorizons.gateway.testing.McpClients;
import com.opulenthorizons.gateway.testing.ValidLead;

import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema.ReadResourceRequest;
import io.modelcontextprotocol.spec.McpSchema.TextResourceContents;

/**
 * The server as the README's run command starts it: no PG* settings at all. It must run on the
 * in-memory store, be ready, and serve the tools.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class InMemoryModeIT {

    private static final String BASE = System.getProperty("it.memory.base.url", "http://localhost:9181");

    private static HttpResponse<String> ready() throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(BASE + "/health/ready")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void withoutPghostTheGatewayRunsInMemoryAndIsReady() throws Exception {
        Awaitility.await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> ready().statusCode() == 200);
        assertThat(HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(BASE + "/admin/health")).build(),
                HttpResponse.BodyHandlers.ofString()).body()).contains("\"store\":\"in-memory\"");

        McpSyncClient client = McpClients.connect(BASE, "/mcp/lead-ingest", null);
        try {
            String status = ((TextResourceContents) client.readResource(new ReadResourceRequest("status://pipeline"))
                    .contents().get(0)).text();
            assertThat(status).contains("\"store\":\"in-memory\"").contains("\"store_reachable\":true");

            String email = "mem-" + UUID.randomUUID() + "@example.com";
            Map<String, Object> args = ValidLead.web("m-" + UUID.randomUUID()).email(email).arguments();
            Map<String, Object> first = structured(call(client, "ingest_lead", args));
            assertThat(structured(call(client, "ingest_lead", args))).isEqualTo(first);
            assertThat(structured(call(client, "lookup_ohid", Map.of("email", email))))
                    .isEqualTo(Map.of("ohid", first.get("ohid"), "found", true));
        } finally {
            client.closeGracefully();
        }
    }

    @Test
    void withoutPghostTheWebFormStoresInMemoryAndTheMetaReceiverRefusesUntilConfigured() throws Exception {
        Awaitility.await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> ready().statusCode() == 200);
        HttpClient http = HttpClient.newHttpClient();
        String email = "mem-form-" + UUID.randomUUID() + "@example.com";
        // a server-side post (no Origin): the only kind a gateway with no WEB_FORM_ALLOWED_ORIGINS takes
        HttpResponse<String> form = http.send(HttpRequest.newBuilder(URI.create(BASE + "/leads/web"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Mem Form\",\"email\":\"" + email + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(form.statusCode()).as(form.body()).isEqualTo(201);
        HttpResponse<String> browser = http.send(HttpRequest.newBuilder(URI.create(BASE + "/leads/web"))
                .header("Content-Type", "application/json").header("Origin", "https://www.example.com")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Mem Form\",\"email\":\"" + email + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(browser.statusCode()).isEqualTo(403);

        HttpResponse<String> meta = http.send(HttpRequest.newBuilder(URI.create(BASE + "/webhooks/meta"))
                .header("Content-Type", "application/json").header("X-Hub-Signature-256", "sha256=00")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(meta.statusCode()).isEqualTo(503);
        assertThat(meta.body()).contains("META_APP_SECRET is not set");
        assertThat(http.send(HttpRequest.newBuilder(URI.create(BASE + "/admin/health")).build(), HttpResponse.BodyHandlers.ofString())
                .body()).contains("\"meta_lead_ads\":\"not_configured\"");

        McpSyncClient client = McpClients.connect(BASE, "/mcp/lead-ingest", null);
        try {
            assertThat(structured(call(client, "lookup_ohid", Map.of("email", email)))).containsEntry("found", true);
        } finally {
            client.closeGracefully();
        }
    }
}
