package com.opulenthorizons.gateway.zoho;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

import org.eclipse.microprofile.config.Config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Zoho CRM settings, under the original system's environment variable names. Secrets are
 * optional and never have defaults; the defaults of the rest are in microprofile-config.properties.
 */
@ApplicationScoped
public class ZohoConfig {

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

    public String tokenUrl() {
        return value("ZOHO_TOKEN_URL").orElse(DEFAULT_TOKEN_URL);
    }

    public Optional<String> clientId() {
        return value("ZOHO_CLIENT_ID");
    }

    public Optional<String> clientSecret() {
        return value("ZOHO_CLIENT_SECRET");
    }

    public Optional<String> refreshToken() {
        return value("ZOHO_REFRESH_TOKEN");
    }

    public Optional<String> staticAccessToken() {
        return value("ZOHO_ACCESS_TOKEN");
    }

    public int maxConcurrency() {
        return value("ZOHO_MAX_CONCURRENCY").map(Integer::parseInt).orElse(10);
    }

    /** Timeout of one Zoho call, also the REST client's read timeout. */
    public long timeoutMillis() {
        return value("ZOHO_TIMEOUT_MS").map(Long::parseLong).orElse(10_000L);
    }

    /** The Zoho lead field that receives the ingest id on outbound sync. */
    public String externalRefField() {
        return value("ZOHO_EXTERNAL_REF_FIELD").orElse("OH_Ingest_Id");
    }

    /** Zoho automations run by an upsert (workflow, approval, blueprint); none unless configured. */
    public List<String> upsertTriggers() {
        return value("ZOHO_UPSERT_TRIGGER")
                .map(v -> Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList())
                .orElse(List.of());
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
