package it.com.opulenthorizons.gateway.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.opulenthorizons.gateway.mcp.ToolsListJson;

import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import it.com.opulenthorizons.gateway.GatewayUnderTest;

/**
 * Every tool's {@code tools/list} entry, as a client receives it from the running servers, against
 * the golden file: the wire contract of both servers (see {@link ToolsListJson}).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ToolsListGoldenIT {

    @Test
    void everyServersToolsListMatchesTheGoldenFile() throws IOException {
        String actual = ToolsListJson.of(Map.of(
                "lead-ingest", toolsOf("/mcp/lead-ingest"),
                "zoho-sync", toolsOf("/mcp/zoho-sync")));

        assertThat(actual).as("tools/list against " + ToolsListJson.GOLDEN + " (regenerate with -Dgolden.update=true)")
                .isEqualTo(ToolsListJson.golden(actual));
    }

    private static List<Tool> toolsOf(String endpoint) {
        McpSyncClient client = GatewayUnderTest.mcpClient(endpoint);
        try {
            return client.listTools().tools();
        } finally {
            client.closeGracefully();
        }
    }
}
