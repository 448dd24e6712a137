package com.opulenthorizons.gateway.webhook;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Where and how workflow events are delivered: the workflow webhook's URL under the original
 * system's names, and the WEBHOOK_* knobs (defaults in microprofile-config.properties).
 */
@ApplicationScoped
public class DeliveryConfig {

    @Inject
    @ConfigProperty(name = "WORKFLOW_WEBHOOK_URL")
    Optional<String> workflowWebhookUrl;

    @Inject
    @ConfigProperty(name = "N8N_WEBHOOK_URL")
    Optional<String> n8nWebhookUrl;

    @Inject
    @ConfigProperty(name = "WEBHOOK_RETRY_SCHEDULE")
    String retrySchedule;

    @Inject
    @ConfigProperty(name = "WEBHOOK_RETRY_FOR")
    String retryFor;

    @Inject
    @ConfigProperty(name = "WEBHOOK_RETRY_JITTER")
    double retryJitter;

    @Inject
    @ConfigProperty(name = "WEBHOOK_MAX_ATTEMPTS")
    int maxAttempts;

    /** Replaced by WEBHOOK_RETRY_SCHEDULE; read only to warn whoever still sets them. */
    @Inject
    @ConfigProperty(name = "WEBHOOK_INITIAL_BACKOFF_MS")
    Optional<String> retiredInitialBackoff;

    @Inject
    @ConfigProperty(name = "WEBHOOK_MAX_BACKOFF_MS")
    Optional<String> retiredMaxBackoff;

    @Inject
    @ConfigProperty(name = "WEBHOOK_TIMEOUT_MS")
    long timeoutMs;

    @Inject
    @ConfigProperty(name = "WEBHOOK_POLL_INTERVAL_MS")
    long pollIntervalMs;

    @Inject
    @ConfigProperty(name = "WEBHOOK_CONCURRENCY")
    int concurrency;

    @Inject
    @ConfigProperty(name = "WEBHOOK_PAUSE_AFTER")
    String pauseAfter;

    /** Secrets: no default, from the environment only. */
    @Inject
    @ConfigProperty(name = StandardWebhooksSigner.SETTING)
    Optional<String> signingSecret;

    @Inject
    @ConfigProperty(name = "WEBHOOK_AUTHORIZATION")
    Optional<String> authorization;

    private DeliverySettings settings;

    private int concurrency() {
        if (concurrency < 1) {
            throw new IllegalArgumentException("WEBHOOK_CONCURRENCY must be 1 or more");
        }
        return concurrency;
    }

    /** The settings that are set but no longer read, by name. */
    public List<String> retiredSettingsInUse() {
        List<String> set = new ArrayList<>();
        retiredInitialBackoff.ifPresent(v -> set.add("WEBHOOK_INITIAL_BACKOFF_MS"));
        retiredMaxBackoff.ifPresent(v -> set.add("WEBHOOK_MAX_BACKOFF_MS"));
        return set;
    }

    /** WORKFLOW_WEBHOOK_URL, else the original system's N8N_WEBHOOK_URL; empty when neither is set. */
    public Optional<String> webhookUrl() {
        return workflowWebhookUrl.filter(u -> !u.isBlank()).or(() -> n8nWebhookUrl.filter(u -> !u.isBlank()));
    }

    /**
     * The settings, read once.
     *
     * @throws IllegalArgumentException when a setting is malformed (the message never quotes a secret)
     */
    public synchronized DeliverySettings settings() {
        if (settings == null) {
            settings = new DeliverySettings(webhookUrl().map(URI::create),
                    RetryPolicy.parse(retrySchedule, retryFor, retryJitter, maxAttempts), Duration.ofMillis(timeoutMs),
                    Duration.ofMillis(pollIntervalMs), concurrency(),
                    // An event is sent as soon as it is claimed, and its attempt ends at the timeout:
                    // the lease outlasts that with room to spare.
                    Duration.ofMillis(timeoutMs * 2).plusMinutes(1),
                    signingSecret.filter(s -> !s.isBlank()).map(StandardWebhooksSigner::of),
                    authorization.filter(a -> !a.isBlank()),
                    RetryPolicy.duration(pauseAfter == null ? "" : pauseAfter.trim(), "WEBHOOK_PAUSE_AFTER"));
        }
        return settings;
    }
}
