package com.opulenthorizons.gateway.webhook;

/** A webhook secret the operation needs is not configured. */
public class WebhookNotConfiguredException extends RuntimeException {

    public WebhookNotConfiguredException(String message) {
        super(message);
    }
}
