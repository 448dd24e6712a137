package com.opulenthorizons.gateway.ratelimit;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The rate limits, per replica: tool calls per caller and tool, and requests per source address to
 * the endpoints anyone can reach (webhooks, the well-known metadata) and refused credentials.
 */
@ApplicationScoped
public class RateLimitConfig {

    @Inject
    @ConfigProperty(name = "RATE_LIMIT_TOOL_CALLS_PER_MINUTE", defaultValue = "1200")
    long toolCallsPerMinute;

    @Inject
    @ConfigProperty(name = "RATE_LIMIT_SOURCE_REQUESTS_PER_MINUTE", defaultValue = "600")
    long sourceRequestsPerMinute;

    @Inject
    @ConfigProperty(name = "RATE_LIMIT_REFUSED_CREDENTIALS_PER_MINUTE", defaultValue = "60")
    long refusedCredentialsPerMinute;

    @Inject
    @ConfigProperty(name = "RATE_LIMIT_MAX_TRACKED_KEYS", defaultValue = "10000")
    int maxTrackedKeys;

    private RateLimiter toolCalls;
    private RateLimiter sources;
    private RateLimiter refusedCredentials;

    @PostConstruct
    void init() {
        toolCalls = new RateLimiter(toolCallsPerMinute, maxTrackedKeys);
        sources = new RateLimiter(sourceRequestsPerMinute, maxTrackedKeys);
        refusedCredentials = new RateLimiter(refusedCredentialsPerMinute, maxTrackedKeys);
    }

    /**
     * Keyed by source address, counting only refused credentials on the authenticated endpoints:
     * past the limit an address is answered 429 before its token is verified (and logged) again.
     */
    public RateLimiter refusedCredentials() {
        return refusedCredentials;
    }

    /** Keyed by caller name and tool (or method). */
    public RateLimiter toolCalls() {
        return toolCalls;
    }

    /** Keyed by source address. */
    public RateLimiter sources() {
        return sources;
    }
}
