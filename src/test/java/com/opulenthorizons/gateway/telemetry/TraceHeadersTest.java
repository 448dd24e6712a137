package com.opulenthorizons.gateway.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;

class TraceHeadersTest {

    private static final String TRACEPARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

    @Test
    void aValidTraceparentBecomesTheCurrentTraceAndComesBackOutUnchanged() {
        var parent = new TraceHeaders(TRACEPARENT, "agent=1").asParent().orElseThrow();
        assertThat(Span.fromContext(parent).getSpanContext().getTraceId()).isEqualTo("0af7651916cd43dd8448eb211c80319c");
        try (Scope scope = parent.makeCurrent()) {
            assertThat(TraceHeaders.current()).contains(new TraceHeaders(TRACEPARENT, "agent=1"));
            assertThat(TraceIds.current()).contains(new TraceIds("0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331"));
        }
        assertThat(TraceHeaders.current()).isEmpty();
        assertThat(TraceIds.current()).isEmpty();
    }

    @Test
    void malformedTraceContextIsIgnored() {
        assertThat(new TraceHeaders("00-not-a-trace-01", null).asParent()).isEmpty();
        assertThat(new TraceHeaders("00-00000000000000000000000000000000-b7ad6b7169203331-01", null).asParent()).isEmpty();
        assertThat(TraceHeaders.extract(name -> null)).isEmpty();
    }

    @Test
    void anOverlongTracestateIsDropped() {
        assertThat(new TraceHeaders(TRACEPARENT, "k=" + "v".repeat(TraceHeaders.MAX_TRACESTATE)).tracestate()).isNull();
        assertThat(new TraceHeaders(TRACEPARENT, " ").tracestate()).isNull();
    }
}
