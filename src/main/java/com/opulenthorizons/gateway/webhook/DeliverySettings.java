package com.opulenthorizons.gateway.webhook;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * How workflow events are delivered.
 *
 * @param url where events are POSTed, or empty when no workflow webhook is configured
 * @param maxAttempts attempts before an event is marked FAILED
 * @param initialBackoff the wait after the first failure; it doubles after each further one
 * @param maxBackoff the longest wait between attempts
 * @param signer signs each delivery (Standard Webhooks headers), or empty to send unsigned
 * @param authorization a static {@code Authorization} header value, or empty to send none
 */
public record DeliverySettings(Optional<URI> url, int maxAttempts, Duration initialBackoff, Duration maxBackoff,
        Duration timeout, Duration pollInterval, int batchSize, Duration lease, Optional<StandardWebhooksSigner> signer,
        Optional<String> authorization) {

    /** The wait before attempt {@code failedAttempts + 1}. */
    public Duration backoffAfter(int failedAttempts) {
        long millis = initialBackoff.toMillis() << Math.min(failedAttempts - 1, 20);
        return Duration.ofMillis(Math.min(millis, maxBackoff.toMillis()));
    }

    /** Without the authorization value: settings may be logged, secrets never. */
    @Override
    public String toString() {
        return "DeliverySettings[url=" + url.map(u -> u.getScheme() + "://" + u.getAuthority()).orElse("none")
                + ", maxAttempts=" + maxAttempts + ", timeout=" + timeout + ", signed=" + signer.isPresent()
                + ", authorization=" + (authorization.isPresent() ? "set" : "none") + "]";
    }
}
