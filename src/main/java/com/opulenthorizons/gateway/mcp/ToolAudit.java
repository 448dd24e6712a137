package com.opulenthorizons.gateway.mcp;

import java.io.StringWriter;
import java.util.logging.Logger;

import com.opulenthorizons.gateway.common.WireJson;
import com.opulenthorizons.gateway.telemetry.TraceIds;

import tools.jackson.core.JsonGenerator;

/**
 * Structured audit lines for tool calls: one JSON object per line on the logger
 * {@code com.opulenthorizons.gateway.audit}, one per call at INFO or WARNING. Lines name the tool,
 * the caller, the correlation id, the duration, the error type and, while a trace is active, its
 * trace and span ids; they never carry arguments, so no contact details or secrets.
 */
final class ToolAudit {

    private static final Logger AUDIT = Logger.getLogger("com.opulenthorizons.gateway.audit");

    private ToolAudit() {
    }

    /**
     * At FINE, so off unless traced: one line per call (its end or its error) is the audit record,
     * as in an access log, and a second INFO line per call cost 7 % of a read's CPU (bench/README.md).
     * Turn it on to see calls that have started but not ended.
     */
    static void start(ToolCall call, String correlationId) {
        AUDIT.fine(() -> line("tool.start", call, correlationId, null, null, null));
    }

    static void end(ToolCall call, String correlationId, long durationMs) {
        AUDIT.info(line("tool.end", call, correlationId, durationMs, null, null));
    }

    static void error(ToolCall call, String correlationId, long durationMs, String errorType, String message) {
        AUDIT.warning(line("tool.error", call, correlationId, durationMs, errorType, message));
    }

    /** One JSON object, written straight to a string (no intermediate map: this runs on every call). */
    private static String line(String event, ToolCall call, String correlationId, Long durationMs, String errorType,
            String message) {
        StringWriter out = new StringWriter(160);
        try (JsonGenerator json = WireJson.PLAIN.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringProperty("event", event);
            json.writeStringProperty("server", call.server());
            json.writeStringProperty("tool", call.tool());
            // the API key's (later the token's) name, never a secret
            json.writeStringProperty("caller", call.caller().name());
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
            // the trace this call belongs to, so that a log line leads to its spans and back
            TraceIds.current().ifPresent(ids -> {
                json.writeStringProperty("trace_id", ids.traceId());
                json.writeStringProperty("span_id", ids.spanId());
            });
            json.writeEndObject();
        }
        return out.toString();
    }
}
