package com.opulenthorizons.gateway.telemetry;

import java.util.logging.Logger;

import io.opentelemetry.api.OpenTelemetry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

/** Hands MicroProfile Telemetry's {@link OpenTelemetry} to {@link Telemetry} when the application starts. */
@ApplicationScoped
public class TelemetryStartup {

    private static final Logger LOG = Logger.getLogger(TelemetryStartup.class.getName());

    @Inject
    Instance<OpenTelemetry> openTelemetry;

    void started(@Observes @Initialized(ApplicationScoped.class) Object event) {
        if (openTelemetry.isResolvable()) {
            Telemetry.install(openTelemetry.get());
        } else {
            // a server.xml without mpTelemetry: spans stay no-ops, the /admin/metrics registry still counts
            LOG.info("MicroProfile Telemetry is not enabled in this server; no spans or OTLP metrics");
        }
    }
}
