package com.opulenthorizons.gateway.telemetry;

import io.opentelemetry.api.OpenTelemetry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Hands MicroProfile Telemetry's {@link OpenTelemetry} to {@link Telemetry} when the application
 * starts. The runtime gives a no-op instance while {@code otel.sdk.disabled} is true.
 */
@ApplicationScoped
public class TelemetryStartup {

    @Inject
    OpenTelemetry openTelemetry;

    void started(@Observes @Initialized(ApplicationScoped.class) Object event) {
        Telemetry.install(openTelemetry);
    }
}
