package com.opulenthorizons.gateway.testing;

import java.time.Duration;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;

/** MCP clients for tests: the SDK's own client over Streamable HTTP, as a real caller connects. */
public final class McpClients {

    private McpClients() {
    }

    /** An initialised client on {@code baseUrl + endpoint}, sending {@code apiKey} as a bearer token unless it is null. */
    public static McpSyncClient connect(String baseUrl, String endpoint, String apiKey) {
        HttpClientStreamableHttpTransport.Builder transport = HttpClientStreamableHttpTransport.builder(baseUrl).endpoint(endpoint);
        if (apiKey != null) {
            transport.httpRequestCustomizer((request, method, uri, body, context) -> request.header("Authorization", "Bearer " + apiKey));
        }
        McpSyncClient client = McpClient.sync(transport.build())
                // Every structuredContent is checked against the tool's outputSchema by the client:
                // the server does not re-validate its own records (RecordBoundSchemaValidator).
                .enableCallToolSchemaCaching(true)
                .requestTimeout(Duration.ofSeconds(30))
                .initializationTimeout(Duration.ofSeconds(30))
                .build();
        client.initialize();
        return client;
    }
}
