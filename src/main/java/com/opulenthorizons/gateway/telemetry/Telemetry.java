package com.opulenthorizons.gateway.telemetry;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.propagation.TextMapPropagator;

/**
 * The OpenTelemetry instance that MicroProfile Telemetry gives the application (a no-op one while
 * {@code otel.sdk.disabled} is true, the default), for the classes that are not CDI beans: the MCP
 * servlet filter, the outbox's sender threads, the store. {@link TelemetryStartup} installs it at
 * start-up; before that, and in unit tests, it is the no-op instance.
 */
public final class Telemetry {

    static final String INSTRUMENTATION_SCOPE = "com.opulenthorizons.gateway";

    private static volatile OpenTelemetry current = OpenTelemetry.noop();

    private Telemetry() {
    }

    static void install(OpenTelemetry openTelemetry) {
        current = openTelemetry;
        GatewayMetrics.connect(openTelemetry.getMeter(INSTRUMENTATION_SCOPE));
    }

    static Tracer tracer() {
        return current.getTracer(INSTRUMENTATION_SCOPE);
    }

    static Meter meter() {
        return current.getMeter(INSTRUMENTATION_SCOPE);
    }

    /** W3C trace context (traceparent, tracestate), whatever the SDK's own propagators are configured to. */
    static TextMapPropagator w3c() {
        return io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator.getInstance();
    }
}
