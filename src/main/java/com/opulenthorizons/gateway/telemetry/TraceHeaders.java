package com.opulenthorizons.gateway.telemetry;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;

/**
 * W3C trace context as it travels outside the process: in an HTTP header, in an MCP request's
 * {@code params._meta}, or stored with a workflow event until its delivery.
 *
 * @param traceparent {@code 00-<trace id>-<span id>-<flags>}
 * @param tracestate vendor data, or null
 */
public record TraceHeaders(String traceparent, String tracestate) {

    public static final String TRACEPARENT = "traceparent";
    public static final String TRACESTATE = "tracestate";
    /** The longest tracestate that is kept (the W3C limit is 32 members); longer ones are dropped. */
    static final int MAX_TRACESTATE = 512;

    public TraceHeaders {
        if (tracestate != null && (tracestate.isBlank() || tracestate.length() > MAX_TRACESTATE)) {
            tracestate = null;
        }
    }

    /** The span that is current on this thread, if a sampled or recorded trace is active. */
    public static Optional<TraceHeaders> current() {
        return of(Context.current());
    }

    static Optional<TraceHeaders> of(Context context) {
        SpanContext span = Span.fromContext(context).getSpanContext();
        if (!span.isValid()) {
            return Optional.empty();
        }
        Map<String, String> carrier = new HashMap<>();
        Telemetry.w3c().inject(context, carrier, Map::put);
        String traceparent = carrier.get(TRACEPARENT);
        return traceparent == null ? Optional.empty() : Optional.of(new TraceHeaders(traceparent, carrier.get(TRACESTATE)));
    }

    /** Trace context from {@code headers} (a name to value lookup), if it holds a valid traceparent. */
    static Optional<Context> extract(Function<String, String> headers) {
        Context extracted = Telemetry.w3c().extract(Context.root(), headers, GETTER);
        return Span.fromContext(extracted).getSpanContext().isValid() ? Optional.of(extracted) : Optional.empty();
    }

    /** This trace context as a parent, if it is valid. */
    public Optional<Context> asParent() {
        return extract(name -> TRACEPARENT.equals(name) ? traceparent : TRACESTATE.equals(name) ? tracestate : null);
    }

    private static final TextMapGetter<Function<String, String>> GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Function<String, String> carrier) {
            return java.util.List.of(TRACEPARENT, TRACESTATE);
        }

        @Override
        public String get(Function<String, String> carrier, String key) {
            return carrier == null ? null : carrier.apply(key);
        }
    };
}
