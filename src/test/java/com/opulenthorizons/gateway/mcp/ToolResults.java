package com.opulenthorizons.gateway.mcp;

import java.util.Map;

import com.opulenthorizons.gateway.common.WireJson;

import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import tools.jackson.core.type.TypeReference;

/** A tool result as a client receives it: written by the SDK's mapper and read back. */
final class ToolResults {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private ToolResults() {
    }

    /** The result's structuredContent, as it is on the wire. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> structured(CallToolResult result) {
        Map<String, Object> wire = WireJson.PLAIN.readValue(WireJson.PLAIN.writeValueAsString(result), MAP);
        return (Map<String, Object>) wire.get("structuredContent");
    }
}
