package com.opulenthorizons.gateway.telemetry;

import java.util.Map;
import java.util.Optional;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;

/**
 * CLIENT spans for the gateway's own outbound work that MicroProfile Telemetry does not see: the
 * store's SQL (plain JDBC and JPA) and the workflow webhook deliveries (HttpURLConnection). The
 * Zoho and Graph calls are MicroProfile REST Client calls, which the runtime traces itself and
 * gives a {@code traceparent} header. Attributes name the operation, never the data.
 */
public final class ClientSpans {

    private static final AttributeKey<String> DB_SYSTEM = AttributeKey.stringKey("db.system.name");
    private static final AttributeKey<String> DB_OPERATION = AttributeKey.stringKey("db.operation.name");
    private static final AttributeKey<String> DB_SUMMARY = AttributeKey.stringKey("db.query.summary");
    private static final AttributeKey<String> HTTP_METHOD = AttributeKey.stringKey("http.request.method");
    private static final AttributeKey<Long> HTTP_STATUS = AttributeKey.longKey("http.response.status_code");
    private static final AttributeKey<String> SERVER_ADDRESS = AttributeKey.stringKey("server.address");
    private static final AttributeKey<Long> SERVER_PORT = AttributeKey.longKey("server.port");
    private static final AttributeKey<String> EVENT_ID = AttributeKey.stringKey("gateway.event.id");
    private static final AttributeKey<String> EVENT_TYPE = AttributeKey.stringKey("gateway.event.type");

    private ClientSpans() {
    }

    /** A span around one store operation, current until the returned scope closes. */
    public static Traced database(String operation, String target) {
        String summary = operation + " " + target;
        Span span = Telemetry.tracer().spanBuilder(summary).setSpanKind(SpanKind.CLIENT)
                .setAttribute(DB_SYSTEM, "postgresql").setAttribute(DB_OPERATION, operation)
                .setAttribute(DB_SUMMARY, summary).startSpan();
        return new Traced(span, span.makeCurrent());
    }

    /**
     * A span around a store operation inside a trace (a tool call, a webhook), none outside one: the
     * outbox's and the Meta fetcher's background polls would otherwise start a root trace every
     * few milliseconds.
     */
    public static Traced databaseInTrace(String operation, String target) {
        if (!Span.current().getSpanContext().isValid()) {
            return new Traced(Span.getInvalid(), Scope.noop());
        }
        return database(operation, target);
    }

    /**
     * A span for one delivery attempt of a stored event, under the trace the event was created in
     * (or a new trace), and the headers that continue it at the receiver.
     */
    public static Delivery delivery(Optional<TraceHeaders> createdIn, String host, int port, String eventId, String eventType) {
        Context parent = createdIn.flatMap(TraceHeaders::asParent).orElseGet(Context::root);
        Span span = Telemetry.tracer().spanBuilder("POST").setSpanKind(SpanKind.CLIENT).setParent(parent)
                .setAttribute(HTTP_METHOD, "POST").setAttribute(SERVER_ADDRESS, host).setAttribute(SERVER_PORT, (long) port)
                .setAttribute(EVENT_ID, eventId).setAttribute(EVENT_TYPE, eventType).startSpan();
        Context context = parent.with(span);
        // the receiver continues this span; with the SDK disabled, at least the stored trace goes on
        Optional<TraceHeaders> headers = TraceHeaders.of(context).or(() -> createdIn);
        return new Delivery(span, headers);
    }

    /** A span current on this thread. */
    public record Traced(Span span, Scope scope) implements AutoCloseable {

        public void failed(Throwable e) {
            span.setAttribute(AttributeKey.stringKey("error.type"), e.getClass().getName());
            span.setStatus(StatusCode.ERROR);
        }

        @Override
        public void close() {
            scope.close();
            span.end();
        }
    }

    /** A delivery attempt's span, ended from whichever thread sees the answer. */
    public record Delivery(Span span, Optional<TraceHeaders> headers) {

        public void addHeadersTo(Map<String, String> request) {
            headers.ifPresent(h -> {
                request.put(TraceHeaders.TRACEPARENT, h.traceparent());
                if (h.tracestate() != null) {
                    request.put(TraceHeaders.TRACESTATE, h.tracestate());
                }
            });
        }

        public void answered(int status) {
            span.setAttribute(HTTP_STATUS, (long) status);
            if (status >= 400) {
                span.setAttribute(AttributeKey.stringKey("error.type"), Integer.toString(status));
                span.setStatus(StatusCode.ERROR);
            }
            span.end();
        }

        public void failed(Throwable e) {
            span.setAttribute(AttributeKey.stringKey("error.type"), e.getClass().getName());
            span.setStatus(StatusCode.ERROR);
            span.end();
        }
    }
}
