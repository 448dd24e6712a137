package com.opulenthorizons.gateway.webhook;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * How workflow events are delivered.
 *
 * @param url where events are POSTed, or empty when no workflow webhook is configured
 * @param retry when a failed attempt is tried again, and when an event is FAILED
 * @param timeout the time limit of one attempt: connecting, sending, and the whole answer, body included
 * @param pollInterval how often due events are looked for
 * @param concurrency how many requests may be in flight at once
 * @param lease how long a claimed event is kept from other senders
 * @param signer signs each delivery (Standard Webhooks headers), or empty to send unsigned
 * @param authorization a static {@code Authorization} header value, or empty to send none
 * @param pauseAfter how long the receiver must fail every attempt before delivery pauses (see {@link DeliveryPause})
 */
public record DeliverySettings(Optional<URI> url, RetryPolicy retry, Duration timeout, Duration pollInterval, int concurrency,
        Duration lease, Optional<StandardWebhooksSigner> signer, Optional<String> authorization, Duration pauseAfter) {

    /** The default pause: after five minutes of failed attempts, as WEBHOOK_PAUSE_AFTER's default. */
    public static final Duration DEFAULT_PAUSE_AFTER = Duration.ofMinutes(5);

    public DeliverySettings {
        if (pauseAfter.isNegative() || pauseAfter.isZero()) {
            throw new IllegalArgumentException("WEBHOOK_PAUSE_AFTER must be longer than zero");
        }
    }

    /** With the default pause. */
    public DeliverySettings(Optional<URI> url, RetryPolicy retry, Duration timeout, Duration pollInterval, int concurrency,
            Duration lease, Optional<StandardWebhooksSigner> signer, Optional<String> authorization) {
        this(url, retry, timeout, pollInterval, concurrency, lease, signer, authorization, DEFAULT_PAUSE_AFTER);
    }

    /** Without the authorization value: settings may be logged, secrets never. */
    @Override
    public String toString() {
        return "DeliverySettings[url=" + url.map(u -> u.getScheme() + "://" + u.getAuthority()).orElse("none")
                + ", " + retry + ", timeout=" + timeout + ", concurrency=" + concurrency + ", signed=" + signer.isPresent()
                + ", authorization=" + (authorization.isPresent() ? "set" : "none") + ", pauseAfter=" + pauseAfter + "]";
    }
}
