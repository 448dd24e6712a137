package com.opulenthorizons.gateway.zoho;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import java.util.stream.Collectors;

import com.opulenthorizons.gateway.common.Correlation;
import com.opulenthorizons.gateway.common.WireJson;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The gateway's Zoho access token. With OAuth credentials it is obtained with the refresh-token
 * grant, cached, and refreshed {@link #REFRESH_MARGIN} before it expires. Zoho allows 5 refreshes
 * a minute (then it blocks the refresh token) and 30 live tokens per refresh token, so:
 * <ul>
 * <li>However many callers need a new token at once, exactly one refresh is in flight, and its
 * outcome, success or failure, is the answer of every caller waiting for it.</li>
 * <li>After a failed refresh, further callers get that failure, without a new request, for
 * {@link ZohoConfig#tokenFailureCooldownMillis()} (12 s unless configured).</li>
 * <li>While the current token is still valid (inside the early-refresh margin), a failed refresh
 * is not an error: the current token stays in use.</li>
 * <li>Waiting is bounded by {@link ZohoConfig#tokenTimeoutMillis()}, never longer than the call's
 * fault-tolerance timeout. The refresh runs on the HTTP client's own threads (for up to
 * {@link #REQUEST_TIMEOUT}), so a caller that gives up does not cancel it: a late token is cached
 * for the next callers, who join the refresh in flight rather than start another.</li>
 * <li>Token-endpoint failures are never {@link ZohoRetryableException}s: the call-level
 * {@code @Retry} of {@link ZohoClient#call} must not multiply token requests.</li>
 * </ul>
 * Without OAuth credentials the static {@code ZOHO_ACCESS_TOKEN} is used as it is.
 * <p>
 * Tokens and secrets never reach a log line, an exception message or {@link #expiresAt()}'s callers.
 */
@ApplicationScoped
public class ZohoTokenManager {

    private static final Logger LOG = Logger.getLogger(ZohoTokenManager.class.getName());
    private static final JsonMapper JSON = WireJson.PLAIN;

    /** A token is refreshed this long before Zoho says it expires. */
    public static final Duration REFRESH_MARGIN = Duration.ofMinutes(5);
    /** How long the one token request may take; callers wait less ({@link ZohoConfig#tokenTimeoutMillis()}). */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);

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

    /** A failed refresh and when it ended. */
    private record Failure(ZohoException cause, Instant at) {
    }

    private ZohoConfig config;
    private Clock clock;
    private HttpClient http;
    /** Guards {@link #current}'s replacement, {@link #inFlight} and {@link #lastFailure}; never held during I/O. */
    private final Object lock = new Object();
    private volatile Token current;
    private CompletableFuture<Token> inFlight;
    private Failure lastFailure;

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
     * one (one refresh for all concurrent callers), or the cached one while it is still valid if
     * the refresh fails.
     *
     * @throws ZohoException NOT_CONFIGURED without credentials; AUTH_FAILED when Zoho refuses the
     *         refresh; UNREACHABLE, SERVER_ERROR or TIMEOUT (none of them retryable) when the
     *         accounts server fails, also during the cool-down after such a failure
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
                return refresh(token, false);
        }
    }

    /**
     * Zoho answered 401 INVALID_TOKEN to {@code refused}: gets a new token, unless another caller
     * already replaced it, in which case that newer token is the answer. The refused token is
     * never used again.
     *
     * @throws ZohoException AUTH_FAILED for a static token, which cannot be refreshed; otherwise as {@link #token()}
     */
    public Token refreshAfterRejection(Token refused) {
        if (config.authMode() != ZohoConfig.AuthMode.OAUTH2_REFRESH) {
            throw ZohoException.of(ZohoException.Kind.AUTH_FAILED, "Zoho refused ZOHO_ACCESS_TOKEN (INVALID_TOKEN); "
                    + "a static token cannot be refreshed: set ZOHO_CLIENT_ID, ZOHO_CLIENT_SECRET and ZOHO_REFRESH_TOKEN");
        }
        return refresh(refused, true);
    }

    /** Single flight: the first caller starts the refresh, everyone (it included) waits for its outcome. */
    private Token refresh(Token stale, boolean rejected) {
        CompletableFuture<Token> flight;
        boolean leader = false;
        synchronized (lock) {
            Token now = current;
            if (now != null && now != stale && !now.isExpired(clock)) {
                return now; // refreshed by another caller meanwhile
            }
            if (rejected && now != null && now == stale) {
                current = null; // Zoho refused it: never fall back to it
            }
            if (inFlight == null) {
                Failure failed = lastFailure;
                if (failed != null && coolingDown(failed)) {
                    Token usable = usable();
                    if (usable != null) {
                        return usable;
                    }
                    throw ZohoException.sharing(failed.cause(), failed.cause().getMessage()
                            + "; the gateway asks Zoho for a token again after " + failed.at().plusMillis(config.tokenFailureCooldownMillis())
                            + " (Zoho blocks a refresh token asked more than 5 times a minute)");
                }
                inFlight = new CompletableFuture<>();
                leader = true;
            }
            flight = inFlight;
        }
        if (leader) {
            startRefresh(flight);
        }
        return await(flight);
    }

    private boolean coolingDown(Failure failed) {
        return clock.instant().isBefore(failed.at().plusMillis(config.tokenFailureCooldownMillis()));
    }

    /** The current token if it may still be used (not expired, not refused), else null. */
    private Token usable() {
        Token token = current;
        return token != null && !token.isExpired(clock) ? token : null;
    }

    private Token await(CompletableFuture<Token> flight) {
        long waitMillis = config.tokenTimeoutMillis();
        try {
            return flight.get(waitMillis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Token usable = usable();
            if (usable != null) {
                return usable; // the refresh failed, but the current token is still valid
            }
            ZohoException cause = e.getCause() instanceof ZohoException z ? z
                    : new ZohoException(ZohoException.Kind.AUTH_FAILED, "Zoho token refresh failed: "
                            + e.getCause().getClass().getSimpleName(), e.getCause());
            throw ZohoException.sharing(cause, cause.getMessage());
        } catch (java.util.concurrent.TimeoutException e) {
            Token usable = usable();
            if (usable != null) {
                return usable;
            }
            throw new ZohoException(ZohoException.Kind.TIMEOUT,
                    "Zoho's accounts server issued no access token within " + waitMillis + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ZohoException(ZohoException.Kind.TIMEOUT, "interrupted while waiting for the Zoho token refresh", e);
        }
    }

    /** Sends the one token request; its outcome completes {@code flight} after the state is updated. */
    private void startRefresh(CompletableFuture<Token> flight) {
        String correlationId = Correlation.current().orElse("-"); // the answer arrives on another thread
        CompletableFuture<HttpResponse<String>> sent;
        try {
            sent = http.sendAsync(tokenRequest(), HttpResponse.BodyHandlers.ofString());
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        sent.whenComplete((response, error) -> settle(flight, response, error, correlationId));
    }

    private void settle(CompletableFuture<Token> flight, HttpResponse<String> response, Throwable error,
            String correlationId) {
        Token fresh;
        try {
            if (error != null) {
                throw transportFailure(error);
            }
            fresh = readToken(response);
        } catch (ZohoException e) {
            fail(flight, e, correlationId);
            return;
        } catch (RuntimeException e) {
            fail(flight, new ZohoException(ZohoException.Kind.AUTH_FAILED,
                    "Zoho token refresh failed: " + e.getClass().getSimpleName(), e), correlationId);
            return;
        }
        synchronized (lock) {
            current = fresh;
            lastFailure = null;
            if (inFlight == flight) {
                inFlight = null;
            }
        }
        LOG.info(() -> "correlation_id=" + correlationId + " Zoho access token refreshed; it expires at "
                + fresh.expiresAt().map(Instant::toString).orElse("-"));
        flight.complete(fresh);
    }

    private void fail(CompletableFuture<Token> flight, ZohoException failure, String correlationId) {
        Token kept;
        synchronized (lock) {
            lastFailure = new Failure(failure, clock.instant());
            if (inFlight == flight) {
                inFlight = null;
            }
            kept = usable();
        }
        LOG.warning("correlation_id=" + correlationId + " " + failure.getMessage()
                + (failure.getCause() == null ? "" : " [" + failure.getCause().getClass().getName() + "]")
                + "; for " + config.tokenFailureCooldownMillis() + " ms every caller gets this failure without a new token request"
                + (kept == null ? "" : "; the current token stays in use until it expires at " + kept.expiresAt().map(Instant::toString).orElse("-")));
        flight.completeExceptionally(failure);
    }

    private ZohoException transportFailure(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof HttpTimeoutException) {
            return new ZohoException(ZohoException.Kind.TIMEOUT, "Zoho accounts server " + config.tokenUrl()
                    + " issued no access token within " + REQUEST_TIMEOUT.toSeconds() + " s", cause);
        }
        // not a ZohoRetryableException: the call-level @Retry must not repeat token requests
        return new ZohoException(ZohoException.Kind.UNREACHABLE, "Zoho accounts server " + config.tokenUrl()
                + " could not be reached: " + cause.getClass().getSimpleName(), cause);
    }

    private HttpRequest tokenRequest() {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "refresh_token");
        form.put("client_id", config.clientId().orElseThrow());
        form.put("client_secret", config.clientSecret().orElseThrow());
        form.put("refresh_token", config.refreshToken().orElseThrow());
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return HttpRequest.newBuilder(URI.create(config.tokenUrl()))
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    /** The token in Zoho's answer; a refusal or a 5xx is a (non-retryable) ZohoException. */
    private Token readToken(HttpResponse<String> response) {
        Map<?, ?> json = parse(response.body());
        Object accessToken = json.get("access_token");
        if (response.statusCode() != 200 || !(accessToken instanceof String value) || value.isBlank()) {
            // Zoho reports refresh failures as {"error":"invalid_client"} (sometimes with status 200)
            String error = json.get("error") instanceof String e ? e : "no access_token in the answer";
            String message = "Zoho token refresh failed: HTTP " + response.statusCode() + " " + error;
            ZohoException.Kind kind = response.statusCode() >= 500 ? ZohoException.Kind.SERVER_ERROR : ZohoException.Kind.AUTH_FAILED;
            throw new ZohoException(kind, response.statusCode(), error, message, null);
        }
        long expiresIn = json.get("expires_in") instanceof Number n ? n.longValue() : 3600L;
        return new Token(value, clock.instant().plusSeconds(expiresIn));
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
