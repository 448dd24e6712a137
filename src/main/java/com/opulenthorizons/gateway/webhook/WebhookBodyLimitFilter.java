package com.opulenthorizons.gateway.webhook;

import java.io.IOException;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Bounds webhook bodies before they are read (the receivers must read the whole body to check
 * its signature): larger than WEBHOOK_MAX_BODY_BYTES gets 413, a POST without a length 411.
 */
@WebFilter(urlPatterns = "/webhooks/*", asyncSupported = true)
public class WebhookBodyLimitFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    @Inject
    @ConfigProperty(name = "WEBHOOK_MAX_BODY_BYTES")
    long maxBodyBytes;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if ("POST".equals(request.getMethod())) {
            long length = request.getContentLengthLong();
            if (length > maxBodyBytes) {
                response.sendError(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE,
                        "body of " + length + " bytes exceeds the limit of " + maxBodyBytes + " bytes");
                return;
            }
            if (length < 0) {
                response.sendError(HttpServletResponse.SC_LENGTH_REQUIRED, "POST bodies must declare a Content-Length");
                return;
            }
        }
        chain.doFilter(request, response);
    }
}
