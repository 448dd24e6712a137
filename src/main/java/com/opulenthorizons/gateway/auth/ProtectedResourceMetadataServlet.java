package com.opulenthorizons.gateway.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;

import com.opulenthorizons.gateway.common.WireJson;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Serves the RFC 9728 documents: the gateway's at {@code /.well-known/oauth-protected-resource},
 * and each MCP endpoint's at the path-suffixed form ({@code .../oauth-protected-resource/mcp/lead-ingest}).
 * Public, as discovery requires; registered only when access tokens are accepted.
 */
public final class ProtectedResourceMetadataServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient ProtectedResourceMetadata metadata;
    private final transient Map<String, Collection<Scope>> scopesByPath;

    /** {@code scopesByPath}: each MCP endpoint's path and the scopes its tools and resources need. */
    public ProtectedResourceMetadataServlet(ProtectedResourceMetadata metadata, Map<String, Collection<Scope>> scopesByPath) {
        this.metadata = metadata;
        this.scopesByPath = Map.copyOf(scopesByPath);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String suffix = request.getPathInfo() == null || request.getPathInfo().equals("/") ? "" : request.getPathInfo();
        Collection<Scope> scopes = suffix.isEmpty()
                ? scopesByPath.values().stream().flatMap(Collection::stream).distinct().sorted().toList()
                : scopesByPath.get(suffix);
        if (scopes == null) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        // Clients fetch this on every new connection; an hour of caching spares the replicas.
        response.setHeader("Cache-Control", "public, max-age=3600");
        response.getWriter().write(WireJson.MAPPER.writeValueAsString(metadata.document(suffix, scopes)));
    }
}
