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
 */
public record DeliverySettings(Optional<URI> url, RetryPolicy retry, Duration timeout, Duration pollInterval, int concurrency,
        Duration lease, Optional<StandardWebhooksSigner> signer, Optional<String> authorization) {

    /** Without the authorization value: settings may be logged, secrets never. */
    @Override
    public String toString() {
        return "DeliverySettings[url=" + url.map(u -> u.getScheme() + "://" + u.getAuthority()).orElse("none")
                + ", " + retry + ", timeout=" + timeout + ", concurrency=" + concurrency + ", signed=" + signer.isPresent()
                + ", authorization=" + (authorization.isPresent() ? "set" : "none") + "]";
    }
}
