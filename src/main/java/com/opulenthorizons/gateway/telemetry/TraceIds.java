package com.opulenthorizons.gateway.telemetry;

import java.util.Optional;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;

/** The ids of the span current on this thread, for log lines: present only while a trace is active. */
public record TraceIds(String traceId, String spanId) {

    public static Optional<TraceIds> current() {
        SpanContext span = Span.current().getSpanContext();
        return span.isValid() ? Optional.of(new TraceIds(span.getTraceId(), span.getSpanId())) : Optional.empty();
    }
}
