package com.opulenthorizons.gateway.webhook;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.opulenthorizons.gateway.store.LeadStore;
import com.opulenthorizons.gateway.store.StoreUnavailableException;

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
    @ConfigProperty(name = "WORKFLOW_WEBHOOK_URL")
    Optional<String> workflowWebhookUrl;

    @Inject
    @ConfigProperty(name = "N8N_WEBHOOK_URL")
    Optional<String> n8nWebhookUrl;

    @Inject
    @ConfigProperty(name = "WEBHOOK_MAX_ATTEMPTS")
    int maxAttempts;

    @Inject
    @ConfigProperty(name = "WEBHOOK_INITIAL_BACKOFF_MS")
    long initialBackoffMs;

    @Inject
    @ConfigProperty(name = "WEBHOOK_MAX_BACKOFF_MS")
    long maxBackoffMs;

    @Inject
    @ConfigProperty(name = "WEBHOOK_TIMEOUT_MS")
    long timeoutMs;

    @Inject
    @ConfigProperty(name = "WEBHOOK_POLL_INTERVAL_MS")
    long pollIntervalMs;

    private static final int BATCH = 20;

    private ScheduledFuture<?> task;
    private volatile boolean storeDown;
    private DeliverySettings settings;

    public DeliverySettings settings() {
        if (settings == null) {
            Optional<URI> url = workflowWebhookUrl.filter(u -> !u.isBlank())
                    .or(() -> n8nWebhookUrl.filter(u -> !u.isBlank()))
                    .map(URI::create);
            settings = new DeliverySettings(url, maxAttempts, Duration.ofMillis(initialBackoffMs), Duration.ofMillis(maxBackoffMs),
                    Duration.ofMillis(timeoutMs), Duration.ofMillis(pollIntervalMs), BATCH,
                    // The lease outlasts a batch whose every event times out (connect + request).
                    Duration.ofMillis(timeoutMs * 2 * BATCH).plusMinutes(1));
        }
        return settings;
    }

    void start(@Observes Startup startup) {
        DeliverySettings s = settings();
        if (s.url().isEmpty()) {
            LOG.warning("Neither WORKFLOW_WEBHOOK_URL nor N8N_WEBHOOK_URL is set: workflow events are stored as PENDING "
                    + "and delivered once the gateway is restarted with a URL.");
            return;
        }
        OutboxDelivery delivery = new OutboxDelivery(store, s,
                HttpClient.newBuilder().connectTimeout(s.timeout()).version(HttpClient.Version.HTTP_1_1).build());
        task = scheduler.scheduleWithFixedDelay(() -> run(delivery), s.pollInterval().toMillis(), s.pollInterval().toMillis(),
                TimeUnit.MILLISECONDS);
        LOG.info("Delivering workflow events to " + s.url().get().getScheme() + "://" + s.url().get().getAuthority()
                + " (at most " + s.maxAttempts() + " attempts each)");
    }

    private void run(OutboxDelivery delivery) {
        try {
            delivery.deliverDue();
            if (storeDown) {
                storeDown = false;
                LOG.info("outbox polling resumed: the store answers again");
            }
        } catch (StoreUnavailableException e) {
            // The events wait in the store and go at a later poll; say so once per outage.
            if (!storeDown) {
                storeDown = true;
                LOG.warning("outbox poll cannot reach the store, retrying every poll: " + e.getMessage());
            }
        } catch (RuntimeException e) {
            // A scheduled task that throws is never run again: log and keep polling.
            LOG.log(Level.SEVERE, "outbox poll failed", e);
        }
    }

    @PreDestroy
    void stop() {
        if (task != null) {
            task.cancel(false);
        }
    }
}
