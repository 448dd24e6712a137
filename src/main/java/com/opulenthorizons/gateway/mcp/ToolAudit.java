package com.opulenthorizons.gateway.mcp;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Logger;

import com.opulenthorizons.gateway.WireJson;

/**
 * Structured audit lines for tool calls: one JSON object per line on the logger
 * {@code com.opulenthorizons.gateway.audit}. Lines name the tool, the correlation id, the
 * duration and the error type; they never carry arguments, so no contact details or secrets.
 */
final class ToolAudit {

    private static final Logger AUDIT = Logger.getLogger("com.opulenthorizons.gateway.audit");

    private ToolAudit() {
    }

    static void start(String server, String tool, String correlationId) {
        AUDIT.info(line("tool.start", server, tool, correlationId, null, null, null));
    }

    static void end(String server, String tool, String correlationId, long durationMs) {
        AUDIT.info(line("tool.end", server, tool, correlationId, durationMs, null, null));
    }

    static void error(String server, String tool, String correlationId, long durationMs, String errorType, String message) {
        AUDIT.warning(line("tool.error", server, tool, correlationId, durationMs, errorType, message));
    }

    private static String line(String event, String server, String tool, String correlationId, Long durationMs,
            String errorType, String message) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("event", event);
        fields.put("server", server);
        fields.put("tool", tool);
        fields.put("correlation_id", correlationId);
        if (durationMs != null) {
            fields.put("duration_ms", durationMs);
        }
        if (errorType != null) {
            fields.put("error_type", errorType);
        }
        if (message != null) {
            fields.put("message", message);
        }
        return WireJson.MAPPER.writeValueAsString(fields);
    }
}
