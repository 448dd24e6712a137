package com.opulenthorizons.gateway.admin;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import com.opulenthorizons.gateway.auth.AccessPolicy;
import com.opulenthorizons.gateway.auth.Scope;
import com.opulenthorizons.gateway.health.PipelineReadinessCheck;
import com.opulenthorizons.gateway.health.ZohoReadinessCheck;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code GET /admin/health}: the readiness checks with their details (the store and its errors,
 * the delivery backlog and pause, Zoho's state). {@code /health/*} answers everyone with status
 * only; these details go to callers with {@code gateway:admin}, or from this machine.
 */
@WebServlet(urlPatterns = "/admin/health")
public class HealthDetailsServlet extends AdminEndpoint {

    private static final long serialVersionUID = 1L;

    @Inject
    @Readiness
    transient PipelineReadinessCheck pipeline;

    @Inject
    @Readiness
    transient ZohoReadinessCheck zoho;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!AccessPolicy.isLoopback(request.getRemoteAddr()) && admit(request, response, Scope.GATEWAY_ADMIN).isEmpty()) {
            return;
        }
        List<HealthCheckResponse> checks = List.of(pipeline.details(), zoho.details());
        boolean up = checks.stream().allMatch(c -> c.getStatus() == HealthCheckResponse.Status.UP);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", up ? "UP" : "DOWN");
        body.put("checks", checks.stream().map(HealthDetailsServlet::asMap).toList());
        answer(response, up ? HttpServletResponse.SC_OK : HttpServletResponse.SC_SERVICE_UNAVAILABLE, body);
    }

    private static Map<String, Object> asMap(HealthCheckResponse check) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("name", check.getName());
        map.put("status", check.getStatus().name());
        check.getData().ifPresent(data -> map.put("data", data));
        return map;
    }
}
