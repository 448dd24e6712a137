package com.opulenthorizons.gateway.zoho;

import java.net.URI;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.eclipse.microprofile.rest.client.RestClientBuilder;

import com.opulenthorizons.gateway.zoho.client.ZohoApi;
import com.opulenthorizons.gateway.zoho.client.ZohoLeads;
import com.opulenthorizons.gateway.zoho.client.ZohoRetryableException;
import com.opulenthorizons.gateway.zoho.client.ZohoTimeoutException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Every Zoho call of the gateway goes through {@link #call}, so that one fault-tolerance policy,
 * one circuit breaker and one bulkhead (under Zoho's per-org concurrency) cover them all. The
 * annotation values are defaults; microprofile-config.properties sets them from the
 * {@code ZOHO_TIMEOUT_MS}, {@code ZOHO_RETRY_*}, {@code ZOHO_CIRCUIT_*} and
 * {@code ZOHO_MAX_CONCURRENCY} knobs through the MicroProfile Fault Tolerance keys
 * {@code com.opulenthorizons.gateway.zoho.ZohoClient/call/<Annotation>/<parameter>}.
 * <p>
 * Only 429, 5xx and connection errors of the Leads API ({@link ZohoRetryableException}) are
 * retried, with a jittered delay; they and timeouts count against the circuit breaker. A timeout
 * is either Fault Tolerance's own {@link TimeoutException} or, should the socket time out first,
 * a {@link ZohoTimeoutException}; the REST client's read timeout is a little longer than the
 * {@code @Timeout} ({@link ZohoConfig#readTimeoutMillis()}), so normally the former. A refusal
 * (4xx), "not found" or a failed token refresh (cached by {@link ZohoTokenManager} for a
 * cool-down, never retried here) is an answer, not a fault of the API.
 */
@ApplicationScoped
public class ZohoClient {

    private ZohoConfig config;
    private ZohoTokenManager tokens;
    private volatile ZohoLeads leads;

    protected ZohoClient() {
        // for CDI proxies
    }

    @Inject
    public ZohoClient(ZohoConfig config, ZohoTokenManager tokens) {
        this.config = config;
        this.tokens = tokens;
    }

    @Timeout(10_000)
    @Retry(maxRetries = 3, delay = 500, jitter = 250, retryOn = ZohoRetryableException.class)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 30_000, successThreshold = 1,
            failOn = {ZohoRetryableException.class, ZohoTimeoutException.class, TimeoutException.class})
    @Bulkhead(10)
    public <T> T call(Function<ZohoLeads, T> operation) {
        return operation.apply(leads());
    }

    private ZohoLeads leads() {
        ZohoLeads current = leads;
        if (current == null) {
            synchronized (this) {
                current = leads;
                if (current == null) {
                    ZohoApi api = RestClientBuilder.newBuilder()
                            .baseUri(URI.create(config.apiBase()))
                            .connectTimeout(5, TimeUnit.SECONDS)
                            .readTimeout(config.readTimeoutMillis(), TimeUnit.MILLISECONDS)
                            .build(ZohoApi.class);
                    current = new ZohoLeads(api, tokens, config.apiBase());
                    leads = current;
                }
            }
        }
        return current;
    }
}
