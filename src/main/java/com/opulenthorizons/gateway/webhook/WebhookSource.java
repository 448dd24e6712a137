package com.opulenthorizons.gateway.webhook;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/** Senders whose webhook signatures we check, with the config key of each one's secret. */
public enum WebhookSource {
    CLOUDTALK("CLOUDTALK_WEBHOOK_SECRET"),
    NOTION("NOTION_WEBHOOK_SECRET"),
    /** Meta signs with the app secret: {@code X-Hub-Signature-256: sha256=<hex>}. */
    META("META_APP_SECRET");

    private final String secretKey;

    WebhookSource(String secretKey) {
        this.secretKey = secretKey;
    }

    public String secretKey() {
        return secretKey;
    }

    /** The source as callers spell it, on the wire and in webhook paths. */
    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
