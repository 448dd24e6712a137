package com.opulenthorizons.gateway.mcp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * tools/list entries as the golden file holds them: each tool as the SDK writes it on the wire,
 * tools by name, object keys and {@code required} lists sorted (neither order carries meaning),
 * everything else as sent. Shared by the registry's unit test and the integration test that reads
 * tools/list from the running servers. After a deliberate change, regenerate the file with
 * {@code -Dgolden.update=true} and review its diff.
 */
public final class ToolsListJson {

    public static final Path GOLDEN = Path.of("src/test/resources/golden/tools-list.json");

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private ToolsListJson() {
    }

    /** The golden file's text for these servers' tools (server name to its tools). */
    public static String of(Map<String, List<Tool>> toolsByServer) throws IOException {
        Map<String, Object> servers = new TreeMap<>();
        for (Map.Entry<String, List<Tool>> server : toolsByServer.entrySet()) {
            List<Tool> listed = new ArrayList<>(server.getValue());
            listed.sort(Comparator.comparing(Tool::name));
            List<Object> tools = new ArrayList<>();
            for (Tool tool : listed) {
                tools.add(normalised(JSON.readValue(McpJsonDefaults.getMapper().writeValueAsString(tool), Object.class)));
            }
            servers.put(server.getKey(), tools);
        }
        return JSON.writeValueAsString(servers) + "\n";
    }

    /** The golden file's text; rewritten first from {@code actual} when -Dgolden.update=true. */
    public static String golden(String actual) throws IOException {
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(GOLDEN, actual, StandardCharsets.UTF_8);
        }
        return Files.readString(GOLDEN, StandardCharsets.UTF_8);
    }

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
            return list.stream().map(ToolsListJson::normalised).toList();
        }
        return node;
    }
}
