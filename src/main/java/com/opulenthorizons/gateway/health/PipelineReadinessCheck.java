package com.opulenthorizons.gateway.health;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import com.opulenthorizons.gateway.store.DeliveryCounts;
import com.opulenthorizons.gateway.store.StoreHealth;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Ready when the store answers; mirrors status://pipeline. */
@Readiness
@ApplicationScoped
public class PipelineReadinessCheck implements HealthCheck {

    public static final String NAME = "pipeline";

    @Inject
    PipelineStatus status;

    @Override
    public HealthCheckResponse call() {
        StoreHealth health = status.storeHealth();
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME)
                .status(health.reachable())
                .withData("store", health.type().wireName())
                .withData("store_reachable", health.reachable())
                .withData("store_detail", health.detail())
                .withData("workflow_webhook_configured", status.workflowWebhookConfigured());
        DeliveryCounts delivery = health.reachable() ? status.deliveryCounts() : null;
        if (delivery != null) {
            response.withData("events_pending", delivery.pending())
                    .withData("events_delivered", delivery.delivered())
                    .withData("events_failed", delivery.failed());
        }
        return response.build();
    }
}
