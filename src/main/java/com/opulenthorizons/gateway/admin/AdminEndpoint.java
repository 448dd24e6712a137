package com.opulenthorizons.gateway.admin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.opulenthorizons.gateway.auth.AccessConfig;
import com.opulenthorizons.gateway.auth.Caller;
import com.opulenthorizons.gateway.auth.RequestAuthenticator;
import com.opulenthorizons.gateway.auth.Scope;
import com.opulenthorizons.gateway.common.WireJson;
import com.opulenthorizons.gateway.ratelimit.RateLimitConfig;

import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * What the operations endpoints under {@code /admin} share: the same callers as the MCP endpoints
 * (access tokens, API keys, or the open modes), each operation with the scope it needs, and JSON
 * answers, refusals included.
 */
abstract class AdminEndpoint extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    transient AccessConfig access;

    @Inject
    transient RateLimitConfig limits;

    private transient volatile RequestAuthenticator authenticator;

    /**
     * The caller, if it may use {@code scope}; otherwise the refusal (401, 403 or 429) is already
     * answered.
     */
    protected Optional<Caller> admit(HttpServletRequest request, HttpServletResponse response, Scope scope) throws IOException {
        if (authenticator == null) {
            authenticator = RequestAuthenticator.of(access);
        }
        Optional<Caller> caller = authenticator.admit(request, response, List.of(scope), limits.refusedCredentials(),
                (status, message) -> answer(response, status, error("unauthorized", message)));
        if (caller.isPresent() && !caller.get().mayUse(scope)) {
            var refused = authenticator.insufficientScope(scope, "this operation");
            response.setHeader("WWW-Authenticate", refused.challenge());
            answer(response, refused.status(), error("insufficient_scope", refused.message()));
            return Optional.empty();
        }
        return caller;
    }

    protected static Map<String, Object> error(String type, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", type);
        body.put("message", message);
        return body;
    }

    protected static void answer(HttpServletResponse response, int status, Object body) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().write(WireJson.MAPPER.writeValueAsString(body));
    }
}
