package com.opulenthorizons.gateway.health;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import com.opulenthorizons.gateway.zoho.ZohoStatusReport;
import com.opulenthorizons.gateway.zoho.ZohoSyncService;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Mirrors status://zoho-sync without calling Zoho: probes must not spend Zoho's API credits or
 * its token refreshes. Zoho is optional, so the check is UP whether or not it is configured; the
 * data says which ({@code configured}, {@code auth_mode}) and what the circuit breaker last did.
 */
@Readiness
@ApplicationScoped
public class ZohoReadinessCheck implements HealthCheck {

    public static final String NAME = "zoho";

    @Inject
    ZohoSyncService zoho;

    /** Status only: Zoho's state and API base are details, in {@link #details()} behind {@code /admin/health}. */
    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named(NAME).up().build();
    }

    public HealthCheckResponse details() {
        ZohoStatusReport report = zoho.status();
        var builder = HealthCheckResponse.named(NAME)
                .up()
                .withData("configured", report.configured())
                .withData("status", report.configured() ? "configured" : "not configured")
                .withData("auth_mode", report.authMode())
                .withData("api_base", report.apiBase())
                .withData("last_observed_circuit_state", report.lastObservedCircuitState());
        if (report.tokenExpiresAt() != null) {
            builder.withData("token_expires_at", report.tokenExpiresAt());
        }
        return builder.build();
    }
}
