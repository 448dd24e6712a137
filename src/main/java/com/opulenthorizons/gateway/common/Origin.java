package com.opulenthorizons.gateway.common;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * How the work the current thread does arrived, so that what it stores says so: through a
 * webhook whose signature was verified, an MCP tool call (with the caller's name, never a
 * secret), a Zoho sync, or the public website form (with the site's origin). Set at the edge (the tool adapter, the webhook resource, the Zoho
 * sync) and read by the services, like {@link Correlation}.
 *
 * @param via the way in
 * @param caller who sent it: the API key's name, the webhook's sender, or the sync's caller
 */
public record Origin(Via via, String caller) {

    /** The ways in. */
    public enum Via {
        WEBHOOK, MCP, ZOHO, WEB_FORM;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static final ThreadScoped<Origin> CURRENT = new ThreadScoped<>();

    public static Optional<Origin> current() {
        return CURRENT.current();
    }

    /** Sets the origin for the current thread until the returned scope is closed. */
    public static Correlation.Scope open(Origin origin) {
        return CURRENT.open(origin);
    }

    /** Adds {@code via} and {@code caller} to a payload that is stored and sent on. */
    public static void addTo(Map<String, Object> payload) {
        current().ifPresent(origin -> {
            payload.put("via", origin.via().wireName());
            WireJson.putIfPresent(payload, "caller", origin.caller());
        });
    }

    /** The way in as a key part, so that copies of one delivery that came in different ways are kept apart. */
    public static String keyPart() {
        return current().map(origin -> origin.via().wireName()).orElse("unknown");
    }
}
