package com.opulenthorizons.gateway.mcp;

import java.io.StringWriter;
import java.util.logging.Logger;

import com.opulenthorizons.gateway.common.WireJson;

import tools.jackson.core.JsonGenerator;

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

    /** One JSON object, written straight to a string (no intermediate map: this runs twice per call). */
    private static String line(String event, String server, String tool, String correlationId, Long durationMs,
            String errorType, String message) {
        StringWriter out = new StringWriter(160);
        try (JsonGenerator json = WireJson.PLAIN.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringProperty("event", event);
            json.writeStringProperty("server", server);
            json.writeStringProperty("tool", tool);
            json.writeStringProperty("correlation_id", correlationId);
            if (durationMs != null) {
                json.writeNumberProperty("duration_ms", durationMs);
            }
            if (errorType != null) {
                json.writeStringProperty("error_type", errorType);
            }
            if (message != null) {
                json.writeStringProperty("message", message);
            }
            json.writeEndObject();
        }
        return out.toString();
    }
}
