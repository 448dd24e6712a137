package com.opulenthorizons.gateway.zoho;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

import com.opulenthorizons.gateway.common.Correlation;
import com.opulenthorizons.gateway.zoho.client.ZohoAccessTokens;
import com.opulenthorizons.gateway.zoho.client.ZohoAccountsClient;
import com.opulenthorizons.gateway.zoho.client.ZohoException;
import com.opulenthorizons.gateway.zoho.client.ZohoRetryableException;
import com.opulenthorizons.gateway.zoho.client.ZohoToken;
import com.opulenthorizons.gateway.telemetry.GatewayMetrics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

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
 * {@link ZohoAccountsClient#REQUEST_TIMEOUT}), so a caller that gives up does not cancel it: a late
 * token is cached for the next callers, who join the refresh in flight rather than start another.</li>
 * <li>Token-endpoint failures are never {@link ZohoRetryableException}s: the call-level
 * {@code @Retry} of {@link ZohoClient#call} must not multiply token requests.</li>
 * </ul>
 * Without OAuth credentials the static {@code ZOHO_ACCESS_TOKEN} is used as it is.
 * <p>
 * Tokens and secrets never reach a log line, an exception message or {@link #expiresAt()}'s callers.
 */
@ApplicationScoped
public class ZohoTokenManager implements ZohoAccessTokens {

    private static final Logger LOG = Logger.getLogger(ZohoTokenManager.class.getName());

    /** A token is refreshed this long before Zoho says it expires. */
    public static final Duration REFRESH_MARGIN = Duration.ofMinutes(5);

    /** A failed refresh and when it ended. */
    private record Failure(ZohoException cause, Instant at) {
    }

    private ZohoConfig config;
    private Clock clock;
    private ZohoAccountsClient accounts;
    /** Guards {@link #current}'s replacement, {@link #inFlight} and {@link #lastFailure}; never held during I/O. */
    private final Object lock = new Object();
    private volatile ZohoToken current;
    private CompletableFuture<ZohoToken> inFlight;
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
        this.accounts = new ZohoAccountsClient(config, clock, http);
    }

    public ZohoConfig.AuthMode mode() {
        return config.authMode();
    }

    /** When the cached OAuth token expires; empty before the first refresh and for a static token. */
    public Optional<Instant> expiresAt() {
        ZohoToken token = current;
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
    @Override
    public ZohoToken token() {
        switch (config.authMode()) {
            case NOT_CONFIGURED:
                throw ZohoException.of(ZohoException.Kind.NOT_CONFIGURED, config.notConfiguredMessage());
            case STATIC_TOKEN:
                return new ZohoToken(config.staticAccessToken().orElseThrow(), null);
            default:
                ZohoToken token = current;
                if (token != null && !token.expiresWithin(REFRESH_MARGIN, clock)) {
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
    @Override
    public ZohoToken refreshAfterRejection(ZohoToken refused) {
        if (config.authMode() != ZohoConfig.AuthMode.OAUTH2_REFRESH) {
            throw ZohoException.of(ZohoException.Kind.AUTH_FAILED, "Zoho refused ZOHO_ACCESS_TOKEN (INVALID_TOKEN); "
                    + "a static token cannot be refreshed: set ZOHO_CLIENT_ID, ZOHO_CLIENT_SECRET and ZOHO_REFRESH_TOKEN");
        }
        return refresh(refused, true);
    }

    /** Single flight: the first caller starts the refresh, everyone (it included) waits for its outcome. */
    private ZohoToken refresh(ZohoToken stale, boolean rejected) {
        CompletableFuture<ZohoToken> flight;
        boolean leader = false;
        synchronized (lock) {
            ZohoToken now = current;
            if (now != null && now != stale && !now.isExpired(clock)) {
                return now; // refreshed by another caller meanwhile
            }
            if (rejected && now != null && now == stale) {
                current = null; // Zoho refused it: never fall back to it
            }
            if (inFlight == null) {
                Failure failed = lastFailure;
                if (failed != null && coolingDown(failed)) {
                    ZohoToken usable = usable();
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
    private ZohoToken usable() {
        ZohoToken token = current;
        return token != null && !token.isExpired(clock) ? token : null;
    }

    private ZohoToken await(CompletableFuture<ZohoToken> flight) {
        long waitMillis = config.tokenTimeoutMillis();
        try {
            return flight.get(waitMillis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            ZohoToken usable = usable();
            if (usable != null) {
                return usable; // the refresh failed, but the current token is still valid
            }
            ZohoException cause = ZohoAccountsClient.refreshFailure(e.getCause());
            throw ZohoException.sharing(cause, cause.getMessage());
        } catch (java.util.concurrent.TimeoutException e) {
            ZohoToken usable = usable();
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
    private void startRefresh(CompletableFuture<ZohoToken> flight) {
        String correlationId = Correlation.current().orElse("-"); // the answer arrives on another thread
        accounts.requestToken().whenComplete((fresh, error) -> {
            GatewayMetrics.tokenRefresh(error == null ? "refreshed" : "failed");
            if (error != null) {
                fail(flight, ZohoAccountsClient.refreshFailure(error), correlationId);
            } else {
                succeed(flight, fresh, correlationId);
            }
        });
    }

    private void succeed(CompletableFuture<ZohoToken> flight, ZohoToken fresh, String correlationId) {
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

    private void fail(CompletableFuture<ZohoToken> flight, ZohoException failure, String correlationId) {
        ZohoToken kept;
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
}
