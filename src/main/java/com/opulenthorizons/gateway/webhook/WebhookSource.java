package com.opulenthorizons.gateway.webhook;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonValue;
import com.opulenthorizons.gateway.common.InvalidArgumentException;

/** Senders whose webhook signatures we check, with the config key of each one's secret. */
public enum WebhookSource {
    CLOUDTALK("CLOUDTALK_WEBHOOK_SECRET"),
    NOTION("NOTION_WEBHOOK_SECRET");

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

    public static String[] wireNames() {
        return Arrays.stream(values()).map(WebhookSource::wireName).toArray(String[]::new);
    }

    public static WebhookSource fromWireName(String name) {
        for (WebhookSource s : values()) {
            if (s.wireName().equals(name.trim().toLowerCase(Locale.ROOT))) {
                return s;
            }
        }
        throw new InvalidArgumentException("source", "must be one of "
                + Arrays.stream(values()).map(WebhookSource::wireName).collect(Collectors.joining(", ")));
    }
}
