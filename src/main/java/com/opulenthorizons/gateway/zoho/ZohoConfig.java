package com.opulenthorizons.gateway.zoho;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

import org.eclipse.microprofile.config.Config;

import com.opulenthorizons.gateway.common.CommaSeparated;
import com.opulenthorizons.gateway.zoho.client.ZohoOAuthSettings;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Zoho CRM settings, under the original system's environment variable names. Secrets are
 * optional and never have defaults; the defaults of the rest are in microprofile-config.properties.
 */
@ApplicationScoped
public class ZohoConfig implements ZohoOAuthSettings {

    /** How the gateway authenticates to Zoho, as reported in status://zoho-sync. */
    public enum AuthMode {
        OAUTH2_REFRESH, STATIC_TOKEN, NOT_CONFIGURED;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    static final String DEFAULT_API_BASE = "https://www.zohoapis.com/crm/v8";
    static final String DEFAULT_TOKEN_URL = "https://accounts.zoho.com/oauth/v2/token";

    private Function<String, Optional<String>> lookup;

    protected ZohoConfig() {
        // for CDI proxies
    }

    @Inject
    public ZohoConfig(Config config) {
        this(key -> config.getOptionalValue(key, String.class));
    }

    /** @param lookup reads a configuration value by key */
    public ZohoConfig(Function<String, Optional<String>> lookup) {
        this.lookup = lookup;
    }

    private Optional<String> value(String key) {
        return lookup.apply(key).map(String::trim).filter(v -> !v.isEmpty());
    }

    public String apiBase() {
        String base = value("ZOHO_API_BASE").orElse(DEFAULT_API_BASE);
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    @Override
    public String tokenUrl() {
        return value("ZOHO_TOKEN_URL").orElse(DEFAULT_TOKEN_URL);
    }

    @Override
    public Optional<String> clientId() {
        return value("ZOHO_CLIENT_ID");
    }

    @Override
    public Optional<String> clientSecret() {
        return value("ZOHO_CLIENT_SECRET");
    }

    @Override
    public Optional<String> refreshToken() {
        return value("ZOHO_REFRESH_TOKEN");
    }

    public Optional<String> staticAccessToken() {
        return value("ZOHO_ACCESS_TOKEN");
    }

    public int maxConcurrency() {
        return value("ZOHO_MAX_CONCURRENCY").map(Integer::parseInt).orElse(10);
    }

    /**
     * Timeout of one Zoho call attempt: MicroProfile Fault Tolerance's {@code @Timeout} of
     * {@link ZohoClient#call} (microprofile-config.properties sets it from the same key).
     */
    public long timeoutMillis() {
        return value("ZOHO_TIMEOUT_MS").map(Long::parseLong).orElse(10_000L);
    }

    /**
     * The REST client's socket read timeout: a little longer than {@link #timeoutMillis()}, so that
     * on a slow Zoho the fault-tolerance timeout fires first, and the socket timeout only backs it up.
     */
    public long readTimeoutMillis() {
        long timeout = timeoutMillis();
        return timeout + Math.min(1_000L, Math.max(100L, timeout / 2));
    }

    /**
     * How long a caller waits for the token refresh in flight: at most 15 s, and never longer
     * than the fault-tolerance timeout. (The refresh itself may take up to 15 s; a token that
     * arrives after its first callers gave up is cached for the next ones.)
     */
    public long tokenTimeoutMillis() {
        return Math.max(1L, Math.min(15_000L, timeoutMillis()));
    }

    /**
     * After a failed token refresh, how long further callers get that failure instead of a new
     * request to the accounts server (Zoho allows 5 refreshes a minute, then blocks the refresh token).
     */
    public long tokenFailureCooldownMillis() {
        return value("ZOHO_TOKEN_FAILURE_COOLDOWN_MS").map(Long::parseLong).orElse(12_000L);
    }

    /** The Zoho lead field that receives the ingest id on outbound sync. */
    public String externalRefField() {
        return value("ZOHO_EXTERNAL_REF_FIELD").orElse("OH_Ingest_Id");
    }

    /** Zoho automations run by an upsert (workflow, approval, blueprint); none unless configured. */
    public List<String> upsertTriggers() {
        return value("ZOHO_UPSERT_TRIGGER").map(CommaSeparated::values).orElse(List.of());
    }

    /** OAuth refresh when all three credentials are set; otherwise a static token; otherwise not configured. */
    public AuthMode authMode() {
        if (clientId().isPresent() && clientSecret().isPresent() && refreshToken().isPresent()) {
            return AuthMode.OAUTH2_REFRESH;
        }
        if (staticAccessToken().isPresent()) {
            return AuthMode.STATIC_TOKEN;
        }
        return AuthMode.NOT_CONFIGURED;
    }

    /** What is missing, for the "not configured" message (names only, never values). */
    public String notConfiguredMessage() {
        return "Zoho CRM is not configured: set ZOHO_CLIENT_ID, ZOHO_CLIENT_SECRET and ZOHO_REFRESH_TOKEN "
                + "(or a static ZOHO_ACCESS_TOKEN) on the gateway";
    }
}
