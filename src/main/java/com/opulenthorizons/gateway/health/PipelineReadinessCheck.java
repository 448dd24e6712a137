package com.opulenthorizons.gateway.health;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import com.opulenthorizons.gateway.auth.AccessConfig;
import com.opulenthorizons.gateway.meta.InboxCounts;
import com.opulenthorizons.gateway.store.DeliveryBacklog;
import com.opulenthorizons.gateway.store.StoreHealth;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Ready when the store answers; mirrors status://pipeline (a paused delivery included), and says how
 * the MCP endpoints are protected.
 */
@Readiness
@ApplicationScoped
public class PipelineReadinessCheck implements HealthCheck {

    public static final String NAME = "pipeline";

    @Inject
    PipelineStatus status;

    @Inject
    AccessConfig access;

    /**
     * What anyone may see at {@code /health/ready}: the status, and whether the MCP endpoints are
     * closed ({@code auth}), so that an operator sees a fail-closed gateway at once. The details
     * (store host and errors, backlog, pause) are in {@link #details()}, behind {@code /admin/health}.
     */
    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named(NAME)
                .status(status.storeHealth().reachable())
                .withData("auth", access.policy().mode().wireName())
                .build();
    }

    public HealthCheckResponse details() {
        StoreHealth health = status.storeHealth();
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME)
                .status(health.reachable())
                .withData("store", health.type().wireName())
                .withData("store_reachable", health.reachable())
                .withData("store_detail", health.detail())
                .withData("workflow_webhook_configured", status.workflowWebhookConfigured())
                // not_configured: the MCP endpoints refuse every call (see AccessPolicy)
                .withData("auth", access.policy().mode().wireName());
        // A paused delivery stays ready: ingest still works, and the events wait in the store.
        status.deliveryPause().ifPresentOrElse(
                pause -> response.withData("delivery", PipelineStatus.DELIVERY_PAUSED)
                        .withData("delivery_paused_since", pause.since().toString())
                        .withData("delivery_pause_cause", pause.cause()),
                () -> response.withData("delivery", PipelineStatus.DELIVERY_RUNNING));
        // Both public receivers; a Meta lead whose fetch FAILED stays ready too (it waits for a replay), but shows here.
        response.withData("meta_lead_ads", status.metaLeadAdsConfigured() ? "configured" : "not_configured")
                .withData("web_form_origins", status.webForm().allowedOrigins().size())
                .withData("web_form_captcha", status.webForm().captchaRequired());
        if (health.reachable()) {
            DeliveryBacklog backlog = status.deliveryBacklog();
            response.withData("events_pending", backlog.pending()).withData("events_failed", backlog.failed());
            InboxCounts meta = status.metaLeadCounts();
            response.withData("meta_leads_pending", meta.pending()).withData("meta_leads_failed", meta.failed());
        }
        return response.build();
    }
}
