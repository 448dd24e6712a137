package com.opulenthorizons.gateway.mcp;

import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

import com.opulenthorizons.gateway.common.Correlation;
import com.opulenthorizons.gateway.common.GatewayFailure;
import com.opulenthorizons.gateway.common.LogSafeText;
import com.opulenthorizons.gateway.common.Origin;
import com.opulenthorizons.gateway.common.RecordBinder;
import com.opulenthorizons.gateway.common.WireJson;
import com.opulenthorizons.gateway.telemetry.McpOperation;

import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import tools.jackson.databind.util.RawValue;

/**
 * Runs one tool call the same way for every tool: binds the JSON arguments to the tool's request
 * record, validates it, calls the service, and turns the answer into a result with
 * structuredContent plus the same JSON as text. Failures become {@code isError: true} results
 * that name the field and the rule; unexpected ones are logged with the correlation id.
 */
@ApplicationScoped
public class ToolCallAdapter {

    private static final Logger LOG = Logger.getLogger(ToolCallAdapter.class.getName());

    private RecordBinder binder;

    protected ToolCallAdapter() {
        // for CDI proxies
    }

    @Inject
    public ToolCallAdapter(RecordBinder binder) {
        this.binder = binder;
    }

    public <A, R> CallToolResult call(ToolCall call, Map<String, Object> arguments, Class<A> requestType,
            Function<A, R> service) {
        String correlationId = Correlation.newId();
        long started = System.nanoTime();
        ToolAudit.start(call, correlationId);
        if (!call.caller().mayUse(call.scope())) {
            return failure(call, correlationId, started, "insufficient_scope", "this tool needs the scope "
                    + call.scope().wireName() + ", which the caller " + call.caller().name() + " has not been granted");
        }
        try (Correlation.Scope scope = Correlation.open(correlationId);
                Correlation.Scope origin = Origin.open(new Origin(Origin.Via.MCP, call.caller().name()))) {
            A request = binder.bind(arguments, requestType);
            R answer = service.apply(request);
            CallToolResult result = success(answer);
            ToolAudit.end(call, correlationId, millisSince(started));
            return result;
        } catch (GatewayFailure e) {
            return failure(call, correlationId, started, e.errorType(), reported(e, call.tool(), correlationId));
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "correlation_id=" + correlationId + " unexpected failure in " + call.tool(), e);
            return failure(call, correlationId, started, "internal_error",
                    "internal error; the server log has the details under correlation id " + correlationId);
        }
    }

    /** The failure's message for the caller, after logging it as its kind asks. */
    private static String reported(GatewayFailure e, String tool, String correlationId) {
        switch (e.errorKind()) {
            case UPSTREAM_FAULT:
                LOG.warning(() -> "correlation_id=" + correlationId + " " + e.errorType() + " in " + tool + ": " + LogSafeText.causeChain(e));
                return e.getMessage();
            case STORE_UNAVAILABLE:
                // The cause chain, masked, and no stack trace: the driver's messages can quote row data.
                LOG.warning(() -> "correlation_id=" + correlationId + " store unavailable in " + tool + ": " + LogSafeText.causeChain(e));
                return e.getMessage() + " (correlation id " + correlationId + ")";
            default:
                return e.getMessage();
        }
    }

    /**
     * The answer as structuredContent, with the same JSON as a text block for older clients. The
     * record is serialised once: structuredContent carries that JSON as a raw value, which the
     * SDK's mapper writes out as it is. Converting the record into a map first, and writing the
     * map twice, took a fifth of a get_person call's CPU (bench/README.md).
     */
    static CallToolResult success(Object answer) {
        String json = WireJson.MAPPER.writeValueAsString(answer);
        return CallToolResult.builder()
                .addTextContent(json)
                .structuredContent(new RawValue(json))
                .isError(false)
                .build();
    }

    private static CallToolResult failure(ToolCall call, String correlationId, long started, String errorType, String message) {
        ToolAudit.error(call, correlationId, millisSince(started), errorType, message);
        McpOperation.failCurrent(McpOperation.TOOL_ERROR);
        return CallToolResult.builder().addTextContent(message).isError(true).build();
    }

    private static long millisSince(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }
}
