package com.opulenthorizons.gateway.webhook;

/** An inbound webhook that is refused, with the HTTP status to answer; nothing was stored. */
public class WebhookRejectedException extends RuntimeException {

    private final int status;

    public WebhookRejectedException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
