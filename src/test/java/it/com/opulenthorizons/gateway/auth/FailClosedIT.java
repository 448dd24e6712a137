package it.com.opulenthorizons.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.awaitility.Awaitility;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.opulenthorizons.gateway.testing.McpClients;

/**
 * A gateway that other machines can reach (http.host=*, as the container image runs it) with no
 * credentials configured refuses every MCP call; the same gateway on loopback, with no
 * credentials either, is open. Readiness says which.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class FailClosedIT {

    private static final String PUBLIC = System.getProperty("it.public.base.url", "http://localhost:9182");
    private static final String LOOPBACK = System.getProperty("it.memory.base.url", "http://localhost:9181");
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String INITIALIZE = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{"
            + "\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"it\",\"version\":\"1\"}}}";

    @BeforeAll
    static void serversReady() {
        for (String base : new String[] { PUBLIC, LOOPBACK }) {
            Awaitility.await("ready at " + base).atMost(Duration.ofSeconds(120)).ignoreExceptions()
                    .until(() -> get(base + "/health/ready").statusCode() == 200);
        }
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> initialize(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(INITIALIZE)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @ParameterizedTest
    @ValueSource(strings = { "/mcp/lead-ingest", "/mcp/zoho-sync" })
    void reachableWithoutCredentialsEveryMcpCallIsRefused(String endpoint) throws Exception {
        HttpResponse<String> response = initialize(PUBLIC + endpoint);

        assertThat(response.statusCode()).as(endpoint).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertThat(response.body()).contains("the MCP endpoints are closed").contains("MCP_API_KEYS");
    }

    @Test
    void anMcpClientCannotConnectToIt() {
        assertThatThrownBy(() -> McpClients.connect(PUBLIC, "/mcp/lead-ingest", null)).isInstanceOf(RuntimeException.class);
    }

    @Test
    void readinessSaysAuthIsNotConfigured() throws Exception {
        assertThat(get(PUBLIC + "/health/ready").body()).contains("\"auth\":\"not_configured\"");
    }

    @Test
    void onLoopbackWithoutCredentialsItIsOpenAndSaysSo() throws Exception {
        assertThat(initialize(LOOPBACK + "/mcp/lead-ingest").statusCode()).isEqualTo(200);
        assertThat(get(LOOPBACK + "/health/ready").body()).contains("\"auth\":\"open_on_loopback\"");
    }
}
