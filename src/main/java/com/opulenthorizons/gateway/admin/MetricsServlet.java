package com.opulenthorizons.gateway.admin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import com.opulenthorizons.gateway.auth.AccessPolicy;
import com.opulenthorizons.gateway.auth.Scope;
import com.opulenthorizons.gateway.telemetry.PrometheusText;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code GET /admin/metrics}: the gateway's metrics in the Prometheus text format, for callers with
 * {@code gateway:admin} (or from this machine, as {@code /admin/health}). It answers whether or not
 * OpenTelemetry exports anything: the numbers come from the gateway's own registry.
 */
@WebServlet(urlPatterns = "/admin/metrics")
public class MetricsServlet extends AdminEndpoint {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!AccessPolicy.isLoopback(request.getRemoteAddr()) && admit(request, response, Scope.GATEWAY_ADMIN).isEmpty()) {
            return;
        }
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(PrometheusText.CONTENT_TYPE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().write(PrometheusText.render());
    }
}
