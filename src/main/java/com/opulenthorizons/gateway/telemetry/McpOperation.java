package com.opulenthorizons.gateway.telemetry;

import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.context.Scope;

/**
 * One MCP request as the OpenTelemetry MCP semantic conventions describe it: a SERVER span named
 * {@code {mcp.method.name} {tool}}, and its duration in {@code mcp.server.operation.duration}.
 * Attributes carry protocol facts only: never arguments, contact details or credentials.
 */
public final class McpOperation implements AutoCloseable {

    static final AttributeKey<String> METHOD = AttributeKey.stringKey("mcp.method.name");
    static final AttributeKey<String> TOOL = AttributeKey.stringKey("gen_ai.tool.name");
    static final AttributeKey<String> OPERATION = AttributeKey.stringKey("gen_ai.operation.name");
    static final AttributeKey<String> REQUEST_ID = AttributeKey.stringKey("jsonrpc.request.id");
    static final AttributeKey<String> PROTOCOL_VERSION = AttributeKey.stringKey("mcp.protocol.version");
    static final AttributeKey<String> SESSION_ID = AttributeKey.stringKey("mcp.session.id");
    static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
    static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("outcome");
    /** {@code error.type} of a tool result with {@code isError: true}. */
    public static final String TOOL_ERROR = "tool_error";

    private static final ContextKey<McpOperation> KEY = ContextKey.named("mcp-operation");
    /** Methods named as they are; any other (a client's invention) is {@code _OTHER}, so that labels stay few. */
    private static final Set<String> KNOWN_METHODS = Set.of("initialize", "ping", "tools/list", "tools/call", "resources/list",
            "resources/read", "resources/templates/list", "resources/subscribe", "resources/unsubscribe", "prompts/list",
            "prompts/get", "logging/setLevel", "completion/complete", "notifications/initialized", "notifications/cancelled",
            "notifications/progress", "notifications/roots/list_changed");

    /**
     * What the request says about itself.
     *
     * @param target the tool's name for {@code tools/call}, if the server has such a tool (else null: any name a
     *     client sends would become a label); otherwise ignored (resource URIs can name people)
     * @param meta the trace context in {@code params._meta}, if any
     */
    public record Request(String method, String target, Object requestId, String protocolVersion, String sessionId,
            TraceHeaders meta) {
    }

    private final Span span;
    private final Attributes metricAttributes;
    private final long startedNanos = System.nanoTime();
    private final Scope scope;
    private volatile String errorType;

    private McpOperation(Span span, Attributes metricAttributes, Context parent) {
        this.span = span;
        this.metricAttributes = metricAttributes;
        this.scope = parent.with(span).with(KEY, this).makeCurrent();
    }

    /**
     * Starts the span and makes it current until {@link #close()}. The parent is the trace
     * context in {@code _meta}, else the HTTP {@code traceparent} header, else whatever is current.
     */
    public static McpOperation start(Request request, Function<String, String> httpHeaders) {
        String method = KNOWN_METHODS.contains(request.method()) ? request.method() : "_OTHER";
        boolean toolCall = "tools/call".equals(method) && request.target() != null;
        AttributesBuilder metric = Attributes.builder().put(METHOD, method);
        if (toolCall) {
            metric.put(TOOL, request.target());
        }
        Attributes metricAttributes = metric.build();
        Context parent = Optional.ofNullable(request.meta()).flatMap(TraceHeaders::asParent)
                .or(() -> Span.current().getSpanContext().isValid() ? Optional.empty() : TraceHeaders.extract(httpHeaders))
                .orElseGet(Context::current);
        var builder = Telemetry.tracer().spanBuilder(toolCall ? method + " " + request.target() : method)
                .setSpanKind(SpanKind.SERVER).setParent(parent).setAllAttributes(metricAttributes);
        if (toolCall) {
            builder.setAttribute(OPERATION, "execute_tool");
        }
        if (request.requestId() != null) {
            builder.setAttribute(REQUEST_ID, request.requestId().toString());
        }
        if (request.protocolVersion() != null) {
            builder.setAttribute(PROTOCOL_VERSION, request.protocolVersion());
        }
        if (request.sessionId() != null) {
            builder.setAttribute(SESSION_ID, request.sessionId());
        }
        return new McpOperation(builder.startSpan(), metricAttributes, parent);
    }

    /** Marks the MCP request the current thread serves as failed, if there is one; the first error counts. */
    public static void failCurrent(String errorType) {
        McpOperation current = Context.current().get(KEY);
        if (current != null) {
            current.failed(errorType);
        }
    }

    public void failed(String type) {
        if (errorType == null && type != null) {
            errorType = type;
            span.setAttribute(ERROR_TYPE, type);
            span.setStatus(StatusCode.ERROR);
        }
    }

    @Override
    public void close() {
        scope.close();
        span.end();
        String error = errorType;
        Attributes attributes = error == null ? metricAttributes.toBuilder().put(OUTCOME, "ok").build()
                : metricAttributes.toBuilder().put(OUTCOME, "error").put(ERROR_TYPE, error).build();
        GatewayMetrics.record(GatewayMetric.MCP_OPERATION_DURATION, (System.nanoTime() - startedNanos) / 1e9, attributes);
    }
}
