package com.opulenthorizons.gateway.zoho;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Logger;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The gateway's Zoho access token. With OAuth credentials it is obtained with the refresh-token
 * grant, cached, and refreshed {@link #REFRESH_MARGIN} before it expires. However many callers
 * need a new token at once, exactly one refresh is in flight: the others wait for it and use its
 * token (Zoho allows 5 refreshes a minute, and 30 live tokens per refresh token). Without OAuth
 * credentials the static {@code ZOHO_ACCESS_TOKEN} is used as it is.
 * <p>
 * Tokens and secrets never reach a log line, an exception message or {@link #expiresAt()}'s callers.
 */
@ApplicationScoped
public class ZohoTokenManager {

    private static final Logger LOG = Logger.getLogger(ZohoTokenManager.class.getName());
    private static final JsonMapper JSON = JsonMapper.shared();

    /** A token is refreshed this long before Zoho says it expires. */
    public static final Duration REFRESH_MARGIN = Duration.ofMinutes(5);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);

    /** A token and when it expires; {@code null} expiry for the static token. */
    public static final class Token {
        private final String value;
        private final Instant expiresAt;

        Token(String value, Instant expiresAt) {
            this.value = value;
            this.expiresAt = expiresAt;
        }

        /** The {@code Authorization} header value. */
        public String header() {
            return "Zoho-oauthtoken " + value;
        }

        public Optional<Instant> expiresAt() {
            return Optional.ofNullable(expiresAt);
        }

        boolean isDueForRefresh(Clock clock) {
            return expiresAt != null && !clock.instant().isBefore(expiresAt.minus(REFRESH_MARGIN));
        }

        boolean isExpired(Clock clock) {
            return expiresAt != null && !clock.instant().isBefore(expiresAt);
        }

        @Override
        public String toString() {
            return "Token[expiresAt=" + expiresAt + "]"; // never the value
        }
    }

    private ZohoConfig config;
    private Clock clock;
    private HttpClient http;
    private final ReentrantLock refreshLock = new ReentrantLock();
    private volatile Token current;

    protected ZohoTokenManager() {
        // for CDI proxies
    }

    @Inject
    public ZohoTokenManager(ZohoConfig config) {
        this(config, Clock.systemUTC(), HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build());
    }

    public ZohoTokenManager(ZohoConfig config, Clock clock, HttpClient http) {
        this.config = config;
        this.clock = clock;
        this.http = http;
    }

    public ZohoConfig.AuthMode mode() {
        return config.authMode();
    }

    /** When the cached OAuth token expires; empty before the first refresh and for a static token. */
    public Optional<Instant> expiresAt() {
        Token token = current;
        return token == null ? Optional.empty() : token.expiresAt();
    }

    /**
     * A token to call Zoho with: the cached one while it is not due for refresh, otherwise a new
     * one (one refresh for all concurrent callers).
     *
     * @throws ZohoException NOT_CONFIGURED without credentials, AUTH_FAILED when Zoho refuses the refresh
     */
    public Token token() {
        switch (config.authMode()) {
            case NOT_CONFIGURED:
                throw ZohoException.of(ZohoException.Kind.NOT_CONFIGURED, config.notConfiguredMessage());
            case STATIC_TOKEN:
                return new Token(config.staticAccessToken().orElseThrow(), null);
            default:
                Token token = current;
                if (token != null && !token.isDueForRefresh(clock)) {
                    return token;
                }
                return refreshReplacing(token);
        }
    }

    /**
     * Zoho answered 401 INVALID_TOKEN to {@code refused}: gets a new token, unless another caller
     * already replaced it, in which case that newer token is the answer.
     *
     * @throws ZohoException AUTH_FAILED for a static token, which cannot be refreshed
     */
    public Token refreshAfterRejection(Token refused) {
        if (config.authMode() != ZohoConfig.AuthMode.OAUTH2_REFRESH) {
            throw ZohoException.of(ZohoException.Kind.AUTH_FAILED, "Zoho refused ZOHO_ACCESS_TOKEN (INVALID_TOKEN); "
                    + "a static token cannot be refreshed: set ZOHO_CLIENT_ID, ZOHO_CLIENT_SECRET and ZOHO_REFRESH_TOKEN");
        }
        return refreshReplacing(refused);
    }

    /** Single flight: whoever holds the lock refreshes; the others then find the new token and use it. */
    private Token refreshReplacing(Token stale) {
        refreshLock.lock();
        try {
            Token now = current;
            if (now != null && now != stale && !now.isExpired(clock)) {
                return now; // refreshed by another caller while this one waited
            }
            Token fresh = requestToken();
            current = fresh;
            return fresh;
        } finally {
            refreshLock.unlock();
        }
    }

    private Token requestToken() {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "refresh_token");
        form.put("client_id", config.clientId().orElseThrow());
        form.put("client_secret", config.clientSecret().orElseThrow());
        form.put("refresh_token", config.refreshToken().orElseThrow());
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(config.tokenUrl()))
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new ZohoRetryableException(ZohoException.Kind.UNREACHABLE,
                    "Zoho accounts server " + config.tokenUrl() + " could not be reached: " + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ZohoException(ZohoException.Kind.AUTH_FAILED, "interrupted while refreshing the Zoho token", e);
        }
        Map<?, ?> json = parse(response.body());
        Object accessToken = json.get("access_token");
        if (response.statusCode() != 200 || !(accessToken instanceof String value) || value.isBlank()) {
            // Zoho reports refresh failures as {"error":"invalid_client"} (sometimes with status 200)
            String error = json.get("error") instanceof String e ? e : "no access_token in the answer";
            String message = "Zoho token refresh failed: HTTP " + response.statusCode() + " " + error;
            LOG.warning(message);
            if (response.statusCode() >= 500) {
                throw new ZohoRetryableException(ZohoException.Kind.SERVER_ERROR, response.statusCode(), error, message, null);
            }
            throw new ZohoException(ZohoException.Kind.AUTH_FAILED, response.statusCode(), error, message, null);
        }
        long expiresIn = json.get("expires_in") instanceof Number n ? n.longValue() : 3600L;
        Instant expiresAt = clock.instant().plusSeconds(expiresIn);
        LOG.info(() -> "Zoho access token refreshed; it expires at " + expiresAt);
        return new Token(value, expiresAt);
    }

    private static Map<?, ?> parse(String body) {
        try {
            Object value = JSON.readValue(body == null || body.isBlank() ? "{}" : body, Object.class);
            return value instanceof Map<?, ?> map ? map : Map.of();
        } catch (JacksonException e) {
            return Map.of("error", "the answer is not JSON");
        }
    }
}
