package com.opulenthorizons.gateway.webhook;

import java.io.IOException;
import java.util.Optional;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.opulenthorizons.gateway.common.RequestBodyLimit;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Bounds the bodies of the public receivers (webhooks and the website form) to WEBHOOK_MAX_BODY_BYTES
 * before they are read, as {@link RequestBodyLimit} says: the receivers read the whole body (to check
 * its signature, or to parse the form).
 */
@WebFilter(urlPatterns = {"/webhooks/*", "/leads/*"}, asyncSupported = true)
public class WebhookBodyLimitFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    @Inject
    @ConfigProperty(name = "WEBHOOK_MAX_BODY_BYTES")
    long maxBodyBytes;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        Optional<RequestBodyLimit.Refusal> refusal = new RequestBodyLimit(maxBodyBytes)
                .check(request.getMethod(), request.getContentLengthLong());
        if (refusal.isPresent()) {
            response.sendError(refusal.get().status(), refusal.get().message());
            return;
        }
        chain.doFilter(request, response);
    }
}
