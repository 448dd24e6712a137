package it.com.opulenthorizons.gateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import org.awaitility.Awaitility;

import com.opulenthorizons.gateway.testing.McpClients;

import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import tools.jackson.databind.json.JsonMapper;

/**
 * The gateway on the PostgreSQL test server (GatewayDeployment.POSTGRES), as the integration
 * tests reach it: base URLs from failsafe's system properties (pom.xml).
 */
public final class GatewayUnderTest {

    private GatewayUnderTest() {
    }

    public static String baseUrl() {
        return System.getProperty("it.base.url", "http://localhost:9180");
    }

    public static URI uri(String path) {
        return URI.create(baseUrl() + path);
    }

    /**
     * Waits until /health/ready answers 200: the deployed gateway may still be reconnecting to its
     * database, which this test JVM owns and StoreOutageIT stops and starts.
     */
    public static void awaitReady() {
        HttpClient http = HttpClient.newHttpClient();
        Awaitility.await("gateway ready at " + baseUrl()).atMost(Duration.ofSeconds(120))
                .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(500))
                .ignoreExceptions()
                .until(() -> http.send(HttpRequest.newBuilder(uri("/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
    }

    /** The API key the main test server requires (MCP_API_KEYS in pom.xml). */
    public static final String API_KEY = "it-api-key-new";

    /** An initialised MCP client on one of the gateway's endpoints, with the API key, once the gateway is ready. */
    public static McpSyncClient mcpClient(String endpoint) {
        awaitReady();
        return McpClients.connect(baseUrl(), endpoint, API_KEY);
    }

    public static CallToolResult call(McpSyncClient client, String tool, Map<String, Object> arguments) {
        return client.callTool(CallToolRequest.builder(tool).arguments(arguments).build());
    }

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /**
     * POSTs {@code body} to the gateway with these header name and value pairs; as
     * {@code application/json} unless they name another Content-Type.
     */
    public static HttpResponse<String> post(String path, String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(body));
        boolean typed = false;
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
            typed |= headers[i].equalsIgnoreCase("Content-Type");
        }
        if (!typed) {
            request.header("Content-Type", "application/json");
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A JSON object answer. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> json(HttpResponse<String> response) {
        return JsonMapper.shared().readValue(response.body(), Map.class);
    }

    public static String unique(String prefix) {
        return prefix + "-" + java.util.UUID.randomUUID();
    }

    public static String text(CallToolResult result) {
        return ((TextContent) result.content().get(0)).text();
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> structured(CallToolResult result) {
        return (Map<String, Object>) result.structuredContent();
    }
}
