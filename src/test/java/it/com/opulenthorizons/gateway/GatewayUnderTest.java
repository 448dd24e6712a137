package it.com.opulenthorizons.gateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import org.awaitility.Awaitility;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;

/** The gateway started by the build for the integration tests (see the failsafe settings in pom.xml). */
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
     * Waits until /health/ready answers 200. The server starts before its database (which this
     * test JVM owns), so its first readiness probes are DOWN.
     */
    public static void awaitReady() {
        HttpClient http = HttpClient.newHttpClient();
        Awaitility.await("gateway ready at " + baseUrl()).atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                .ignoreExceptions()
                .until(() -> http.send(HttpRequest.newBuilder(uri("/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
    }

    /** An initialised MCP client on one of the gateway's endpoints, through the SDK's Streamable HTTP transport. */
    public static McpSyncClient mcpClient(String endpoint) {
        awaitReady();
        return mcpClient(baseUrl(), endpoint, API_KEY);
    }

    /** The API key the main test server requires (MCP_API_KEYS in pom.xml). */
    public static final String API_KEY = "it-api-key-new";

    /** As {@link #mcpClient(String)}, on the server at {@code baseUrl}, with an API key or none. */
    public static McpSyncClient mcpClient(String baseUrl, String endpoint, String apiKey) {
        HttpClientStreamableHttpTransport.Builder builder = HttpClientStreamableHttpTransport.builder(baseUrl).endpoint(endpoint);
        if (apiKey != null) {
            builder.httpRequestCustomizer((request, method, uri, body, context) -> request.header("Authorization", "Bearer " + apiKey));
        }
        HttpClientStreamableHttpTransport transport = builder.build();
        McpSyncClient client = McpClient.sync(transport)
                // Every structuredContent is checked against the tool's outputSchema by the client:
                // the server does not re-validate its own records (RecordBoundSchemaValidator).
                .enableCallToolSchemaCaching(true)
                .requestTimeout(Duration.ofSeconds(30))
                .initializationTimeout(Duration.ofSeconds(30))
                .build();
        client.initialize();
        return client;
    }

    public static CallToolResult call(McpSyncClient client, String tool, Map<String, Object> arguments) {
        return client.callTool(CallToolRequest.builder(tool).arguments(arguments).build());
    }

    public static String unique(String prefix) {
        return prefix + "-" + java.util.UUID.randomUUID();
    }

    /**
     * Arguments of a valid {@code ingest_lead} call from a web form; email and phone are left
     * out when null. The map is mutable, so a test can break one field.
     */
    public static Map<String, Object> webLead(String sourceLeadId, String email, String phone) {
        Map<String, Object> args = new java.util.HashMap<>();
        args.put("source_system", "WEB");
        args.put("source_lead_id", sourceLeadId);
        args.put("channel", "WEB_FORM");
        args.put("first_name", "Ann");
        args.put("last_name", "Smith");
        args.put("marketing_consent", true);
        if (email != null) {
            args.put("email", email);
        }
        if (phone != null) {
            args.put("phone", phone);
        }
        return args;
    }

    public static String text(CallToolResult result) {
        return ((TextContent) result.content().get(0)).text();
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> structured(CallToolResult result) {
        return (Map<String, Object>) result.structuredContent();
    }
}
