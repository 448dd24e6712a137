package com.opulenthorizons.gateway.meta;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.eclipse.microprofile.rest.client.RestClientBuilder;

import com.opulenthorizons.gateway.meta.graph.GraphApi;
import com.opulenthorizons.gateway.meta.graph.GraphTransientException;
import com.opulenthorizons.gateway.webhook.SignatureVerifier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ProcessingException;

/**
 * Fetches one lead from the Graph API under one fault-tolerance policy. The annotation values are
 * defaults; microprofile-config.properties sets them from {@code META_GRAPH_TIMEOUT_MS},
 * {@code META_GRAPH_RETRY_*} and {@code META_GRAPH_CIRCUIT_*} through the keys
 * {@code com.opulenthorizons.gateway.meta.MetaGraphClient/lead/<Annotation>/<parameter>}.
 * <p>
 * Only Graph's own failures (5xx, transient codes) and broken connections are retried here, at
 * once. Throttling is not: retrying at once only prolongs it, so the fetch worker tries the lead
 * again after its backoff schedule. A permission error is never retried.
 */
@ApplicationScoped
public class MetaGraphClient {

    /** The lead's fields; custom_disclaimer_responses carries the form's consent checkboxes. */
    static final String FIELDS = "id,created_time,ad_id,ad_name,adset_id,campaign_id,form_id,platform,is_organic,"
            + "field_data,custom_disclaimer_responses";

    private MetaConfig config;
    private volatile GraphApi api;

    protected MetaGraphClient() {
        // for CDI proxies
    }

    @Inject
    public MetaGraphClient(MetaConfig config) {
        this.config = config;
    }

    /** The Graph API's answer for the lead, as JSON text. */
    @Timeout(10_000)
    @Retry(maxRetries = 2, delay = 500, jitter = 250, retryOn = {GraphTransientException.class, ProcessingException.class})
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 30_000, successThreshold = 1,
            failOn = {GraphTransientException.class, ProcessingException.class, TimeoutException.class})
    public String lead(String leadgenId) {
        String token = config.pageAccessToken()
                .orElseThrow(() -> new IllegalStateException("META_PAGE_ACCESS_TOKEN is not set"));
        String proof = config.appSecret().map(secret -> appsecretProof(token, secret)).orElse(null);
        return api().lead("Bearer " + token, config.graphVersion(), leadgenId, FIELDS, proof);
    }

    /** Graph's appsecret_proof: hex HMAC-SHA256 of the access token, keyed by the app secret. */
    static String appsecretProof(String token, String appSecret) {
        return HexFormat.of().formatHex(SignatureVerifier.hmac(appSecret.getBytes(StandardCharsets.UTF_8),
                token.getBytes(StandardCharsets.UTF_8)));
    }

    private GraphApi api() {
        GraphApi current = api;
        if (current == null) {
            synchronized (this) {
                current = api;
                if (current == null) {
                    current = RestClientBuilder.newBuilder()
                            .baseUri(URI.create(config.graphBase()))
                            .connectTimeout(5, TimeUnit.SECONDS)
                            .readTimeout(config.readTimeoutMillis(), TimeUnit.MILLISECONDS)
                            .build(GraphApi.class);
                    api = current;
                }
            }
        }
        return current;
    }
}
