package com.opulenthorizons.gateway.meta;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

import org.eclipse.microprofile.config.Config;

import com.opulenthorizons.gateway.common.CommaSeparated;
import com.opulenthorizons.gateway.webhook.RetryPolicy;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Meta Lead Ads settings. Secrets (META_VERIFY_TOKEN, META_APP_SECRET, META_PAGE_ACCESS_TOKEN) have
 * no defaults; the defaults of the rest are in microprofile-config.properties.
 */
@ApplicationScoped
public class MetaConfig {

    static final String DEFAULT_GRAPH_BASE = "https://graph.facebook.com";
    static final String DEFAULT_GRAPH_VERSION = "v24.0";

    private Function<String, Optional<String>> lookup;

    protected MetaConfig() {
        // for CDI proxies
    }

    @Inject
    public MetaConfig(Config config) {
        this(key -> config.getOptionalValue(key, String.class));
    }

    /** @param lookup reads a configuration value by key */
    public MetaConfig(Function<String, Optional<String>> lookup) {
        this.lookup = lookup;
    }

    private Optional<String> value(String key) {
        return lookup.apply(key).map(String::trim).filter(v -> !v.isEmpty());
    }

    public Optional<String> verifyToken() {
        return value("META_VERIFY_TOKEN");
    }

    public Optional<String> appSecret() {
        return value("META_APP_SECRET");
    }

    public Optional<String> pageAccessToken() {
        return value("META_PAGE_ACCESS_TOKEN");
    }

    /** Notifications are accepted (signed with the app secret) and leads fetched (with the page token). */
    public boolean configured() {
        return appSecret().isPresent() && pageAccessToken().isPresent();
    }

    public String graphBase() {
        String base = value("META_GRAPH_BASE").orElse(DEFAULT_GRAPH_BASE);
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    public String graphVersion() {
        return value("META_GRAPH_VERSION").orElse(DEFAULT_GRAPH_VERSION);
    }

    /** The socket read timeout: a little longer than Fault Tolerance's, so that the latter normally fires first. */
    public long readTimeoutMillis() {
        return Long.parseLong(value("META_GRAPH_TIMEOUT_MS").orElse("10000")) + 1000;
    }

    /** When a lead whose fetch failed (throttled, Graph down) is fetched again, and when it is FAILED for good. */
    public RetryPolicy fetchRetry() {
        List<Duration> delays = CommaSeparated.values(value("META_FETCH_RETRY_SCHEDULE").orElse("30s,2m,10m,30m,1h")).stream()
                .map(wait -> RetryPolicy.duration(wait, "META_FETCH_RETRY_SCHEDULE"))
                .toList();
        Duration retryFor = RetryPolicy.duration(value("META_FETCH_RETRY_FOR").orElse("24h"), "META_FETCH_RETRY_FOR");
        return new RetryPolicy(delays, retryFor, 0.2, Integer.parseInt(value("META_FETCH_MAX_ATTEMPTS").orElse("0")));
    }

    public Duration pollInterval() {
        return Duration.ofMillis(Long.parseLong(value("META_FETCH_POLL_INTERVAL_MS").orElse("1000")));
    }

    /** Lead form questions (or custom disclaimer checkbox keys) whose answer is the marketing consent. */
    public List<String> consentFields() {
        return lower(value("META_CONSENT_FIELDS").orElse("marketing_consent,consent,opt_in,email_opt_in"));
    }

    /** Answers that mean yes, compared case-insensitively. */
    public List<String> consentYesValues() {
        return lower(value("META_CONSENT_YES_VALUES").orElse("yes,y,true,1,on,agree,i agree,checked"));
    }

    public List<String> budgetFields() {
        return lower(value("META_BUDGET_FIELDS").orElse("budget,budget_range"));
    }

    public List<String> locationFields() {
        return lower(value("META_LOCATION_FIELDS").orElse("location,city,preferred_location"));
    }

    public List<String> propertyTypeFields() {
        return lower(value("META_PROPERTY_TYPE_FIELDS").orElse("property_type"));
    }

    private static List<String> lower(String commaSeparated) {
        return CommaSeparated.values(commaSeparated).stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
    }
}
