package com.opulenthorizons.gateway.ratelimit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;
import java.util.logging.Logger;

import com.opulenthorizons.gateway.telemetry.GatewayMetrics;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Limits the endpoints that anyone can reach (the signed webhook receivers, the public lead forms,
 * the OAuth metadata) per source address, before anything is parsed or verified: a flood of bad
 * signatures can then neither fill the log nor hold the database pool. Behind a proxy the source
 * address is the client's, as Liberty's {@code remoteIp} setting takes it from X-Forwarded-For.
 */
@WebFilter(filterName = "source-rate-limit", urlPatterns = { "/webhooks/*", "/leads/*", "/.well-known/*" }, asyncSupported = true)
public class SourceRateLimitFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(SourceRateLimitFilter.class.getName());
    private static final RepeatedWarnings WARNINGS = new RepeatedWarnings(LOG);

    @Inject
    transient RateLimitConfig limits;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        OptionalLong retryAfter = limits.sources().tryTake(request.getRemoteAddr());
        if (retryAfter.isPresent()) {
            GatewayMetrics.rateLimited("source_requests");
            WARNINGS.warn("source-limit", "Requests to the public endpoints refused: a source address went over "
                    + limits.sources().perMinute() + " requests a minute (RATE_LIMIT_SOURCE_REQUESTS_PER_MINUTE)");
            tooManyRequests(response, retryAfter.getAsLong(), "{\"error\":\"rate_limited\",\"message\":\"too many requests from "
                    + "this address; retry after " + retryAfter.getAsLong() + " s\"}");
            return;
        }
        chain.doFilter(request, response);
    }

    /** 429 with {@code Retry-After} and a JSON body. */
    public static void tooManyRequests(HttpServletResponse response, long retryAfterSeconds, String jsonBody) throws IOException {
        response.setStatus(429);
        response.setHeader("Retry-After", Long.toString(retryAfterSeconds));
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(jsonBody);
    }
}
