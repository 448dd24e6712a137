package it.com.opulenthorizons.gateway.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import it.com.opulenthorizons.gateway.GatewayUnderTest;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every tool's {@code tools/list} entry, as a client receives it, against a golden file: the wire
 * contract of both servers. Object keys and {@code required} lists are sorted (neither order
 * carries meaning); everything else is compared as sent. After a deliberate change, regenerate
 * the file with {@code -Dgolden.update=true} and review its diff.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ToolsListGoldenIT {

    private static final Path GOLDEN = Path.of("src/test/resources/golden/tools-list.json");
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    @Test
    void everyServersToolsListMatchesTheGoldenFile() throws IOException {
        Map<String, Object> servers = new LinkedHashMap<>();
        servers.put("lead-ingest", toolsOf("/mcp/lead-ingest"));
        servers.put("zoho-sync", toolsOf("/mcp/zoho-sync"));
        String actual = JSON.writeValueAsString(servers) + "\n";

        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(GOLDEN, actual, StandardCharsets.UTF_8);
        }
        assertThat(actual).as("tools/list against " + GOLDEN + " (regenerate with -Dgolden.update=true)")
                .isEqualTo(Files.readString(GOLDEN, StandardCharsets.UTF_8));
    }

    private static List<Object> toolsOf(String endpoint) throws IOException {
        McpSyncClient client = GatewayUnderTest.mcpClient(endpoint);
        try {
            List<Object> tools = new ArrayList<>();
            List<Tool> listed = new ArrayList<>(client.listTools().tools());
            listed.sort(Comparator.comparing(Tool::name));
            for (Tool tool : listed) {
                tools.add(normalised(wireForm(tool)));
            }
            return tools;
        } finally {
            client.closeGracefully();
        }
    }

    private static Object wireForm(Tool tool) throws IOException {
        String json = McpJsonDefaults.getMapper().writeValueAsString(tool);
        return JSON.readValue(json, Object.class);
    }

    /** Sorted keys at every depth, and sorted {@code required} lists. */
    @SuppressWarnings("unchecked")
    private static Object normalised(Object node) {
        if (node instanceof Map<?, ?> map) {
            Map<String, Object> sorted = new TreeMap<>();
            map.forEach((key, value) -> {
                Object normal = normalised(value);
                if ("required".equals(key) && normal instanceof List<?> list) {
                    List<String> names = new ArrayList<>((List<String>) list);
                    names.sort(Comparator.naturalOrder());
                    normal = names;
                }
                sorted.put((String) key, normal);
            });
            return sorted;
        }
        if (node instanceof List<?> list) {
            return list.stream().map(ToolsListGoldenIT::normalised).toList();
        }
        return node;
    }
}
