package com.opulenthorizons.gateway.webhook;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

import com.opulenthorizons.gateway.store.DeliveryBacklog;
import com.opulenthorizons.gateway.store.LeadStore;
import com.opulenthorizons.gateway.store.StorePoll;
import com.opulenthorizons.gateway.telemetry.GatewayMetric;
import com.opulenthorizons.gateway.telemetry.GatewayMetrics;

import io.opentelemetry.api.common.Attributes;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;

/**
 * Runs {@link OutboxDelivery} on Liberty's managed scheduled executor, every poll interval,
 * on every replica: the store's claims keep replicas from sending the same event twice.
 */
@ApplicationScoped
public class OutboxDeliveryScheduler {

    private static final Logger LOG = Logger.getLogger(OutboxDeliveryScheduler.class.getName());

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    LeadStore store;

    @Inject
    DeliveryConfig config;

    private ScheduledFuture<?> task;
    private volatile OutboxDelivery delivery;

    /** This replica's pause for a dead receiver; empty while delivery runs (or is not configured). */
    public Optional<DeliveryPause.Paused> pause() {
        OutboxDelivery running = delivery;
        return running == null ? Optional.empty() : running.pause().current();
    }

    void start(@Observes Startup startup) {
        DeliverySettings s;
        try {
            s = config.settings();
        } catch (IllegalArgumentException e) {
            // A malformed secret must not send unsigned events: the application does not start.
            LOG.severe("Workflow delivery settings are invalid, the gateway does not start: " + e.getMessage());
            throw new IllegalStateException("invalid workflow delivery settings: " + e.getMessage(), e);
        }
        if (!config.retiredSettingsInUse().isEmpty()) {
            LOG.warning(config.retiredSettingsInUse() + " are no longer read: set WEBHOOK_RETRY_SCHEDULE and WEBHOOK_RETRY_FOR "
                    + "instead (now: " + s.retry() + ")");
        }
        registerGauges();
        if (s.url().isEmpty()) {
            LOG.warning("Neither WORKFLOW_WEBHOOK_URL nor N8N_WEBHOOK_URL is set: workflow events are stored as PENDING "
                    + "and delivered once the gateway is restarted with a URL.");
            return;
        }
        OutboxDelivery started = new OutboxDelivery(store, s);
        delivery = started;
        task = scheduler.scheduleWithFixedDelay(new StorePoll("outbox poll", started::deliverDue, LOG), s.pollInterval().toMillis(), s.pollInterval().toMillis(),
                TimeUnit.MILLISECONDS);
        LOG.info("Delivering workflow events to " + s.url().get().getScheme() + "://" + s.url().get().getAuthority()
                + " (" + s.retry() + "; "
                + s.signer().map(k -> "signed with " + k.keyCount() + " key(s)").orElse("unsigned")
                + (s.authorization().isPresent() ? ", with an Authorization header" : "") + "; pauses after "
                + s.pauseAfter() + " of failed attempts)");
    }

    /** The outbox gauges (metrics), read from the store when scraped or exported. */
    private void registerGauges() {
        GatewayMetrics.gauge(GatewayMetric.OUTBOX_EVENTS, () -> {
            DeliveryBacklog backlog = store.deliveryBacklog();
            return Map.of(Attributes.of(GatewayMetrics.STATUS, "pending"), (double) backlog.pending(),
                    Attributes.of(GatewayMetrics.STATUS, "failed"), (double) backlog.failed());
        });
        GatewayMetrics.gauge(GatewayMetric.OUTBOX_PAUSED, () -> Map.of(Attributes.empty(), pause().isPresent() ? 1.0 : 0.0));
    }

    @PreDestroy
    void stop() {
        if (task != null) {
            task.cancel(false);
        }
        if (delivery != null) {
            delivery.close();
        }
    }
}
