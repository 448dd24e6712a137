package com.opulenthorizons.gateway.mcp;

import java.io.CharArrayWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

import com.opulenthorizons.gateway.auth.AccessMode;
import com.opulenthorizons.gateway.auth.AccessPolicy;
import com.opulenthorizons.gateway.auth.ApiKeys;
import com.opulenthorizons.gateway.auth.Caller;
import com.opulenthorizons.gateway.common.RequestBodyLimit;
import com.opulenthorizons.gateway.common.SharedSecrets;
import com.opulenthorizons.gateway.common.WireJson;

import io.modelcontextprotocol.server.transport.HeaderAccessor;
import io.modelcontextprotocol.server.transport.ServerHttpHeaderValidator;
import io.modelcontextprotocol.server.transport.ServerTransportSecurityException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import tools.jackson.core.JacksonException;

/**
 * HTTP checks that the SDK's servlet transport leaves to us.
 * <ul>
 * <li>Origin and Host are checked first (DNS-rebinding protection: 403 / 421), then access
 *     ({@link AccessMode}): with {@code MCP_API_KEYS} set, the caller must present one of the keys
 *     as a bearer token (401); a server that other machines can reach with no credentials configured
 *     refuses every call (401), failing closed.</li>
 * <li>An {@code MCP-Protocol-Version} the server does not speak gets 400, as the specification requires.</li>
 * <li>A body larger than the limit gets 413 before it is read; a POST without Content-Length gets 411.</li>
 * <li>The transport writes its HTTP-level errors (bad JSON, wrong Accept) as a serialised Java
 *     exception, stack trace included; those bodies are replaced by a plain JSON-RPC error.</li>
 * </ul>
 */
final class McpRequestFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(McpRequestFilter.class.getName());
    static final String PROTOCOL_VERSION_HEADER = "MCP-Protocol-Version";

    private final transient List<String> supportedVersions;
    private final transient RequestBodyLimit bodyLimit;
    private final transient ServerHttpHeaderValidator originAndHost;
    private final transient AccessMode access;
    private final transient ApiKeys apiKeys;

    McpRequestFilter(List<String> supportedVersions, long maxRequestBytes, ServerHttpHeaderValidator originAndHost,
            AccessMode access, ApiKeys apiKeys) {
        this.supportedVersions = List.copyOf(supportedVersions);
        this.bodyLimit = new RequestBodyLimit(maxRequestBytes);
        this.originAndHost = originAndHost;
        this.access = access;
        this.apiKeys = apiKeys;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        try {
            originAndHost.validate(new HeaderAccessor() {
                @Override
                public List<String> getHeader(String name) {
                    return Collections.list(request.getHeaders(name));
                }

                @Override
                public List<String> getHeaderNames() {
                    return Collections.list(request.getHeaderNames());
                }
            });
        } catch (ServerTransportSecurityException e) {
            reject(response, e.getStatusCode(), e.getMessage());
            return;
        }
        // Open on loopback means loopback callers only: a listener added some other way (a config
        // drop-in that binds every interface) must not open the endpoints to the network.
        if (access.refusesEveryCall()
                || access == AccessMode.OPEN_ON_LOOPBACK && !AccessPolicy.isLoopback(request.getRemoteAddr())) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"mcp-gateway\"");
            reject(response, HttpServletResponse.SC_UNAUTHORIZED, "the MCP endpoints are closed: this server can be reached "
                    + "from other machines and no credentials are configured (its operator must set MCP_API_KEYS_FILE or "
                    + "MCP_API_KEYS, or MCP_AUTH=none on a private network)");
            return;
        }
        Optional<Caller> caller = access == AccessMode.API_KEYS
                ? SharedSecrets.bearerToken(request.getHeader("Authorization")).flatMap(apiKeys::identify)
                : Optional.of(Caller.UNAUTHENTICATED);
        if (caller.isEmpty()) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"mcp-gateway\"");
            reject(response, HttpServletResponse.SC_UNAUTHORIZED, "a valid API key is required: Authorization: Bearer <key>");
            return;
        }
        request.setAttribute(Caller.ATTRIBUTE, caller.get());
        String version = request.getHeader(PROTOCOL_VERSION_HEADER);
        if (version != null && !supportedVersions.contains(version.trim())) {
            reject(response, HttpServletResponse.SC_BAD_REQUEST, "Unsupported MCP-Protocol-Version '" + printable(version)
                    + "'; this server supports " + String.join(", ", supportedVersions));
            return;
        }
        Optional<RequestBodyLimit.Refusal> refusal = bodyLimit.check(request.getMethod(), request.getContentLengthLong());
        if (refusal.isPresent()) {
            reject(response, refusal.get().status(), refusal.get().message());
            return;
        }
        ErrorBodyGuard guarded = new ErrorBodyGuard(response);
        chain.doFilter(request, guarded);
        guarded.finish();
    }

    /** A JSON-RPC error body, as MCP clients expect with an HTTP error. */
    static void reject(HttpServletResponse response, int status, String message) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", -32600);
        error.put("message", message);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("jsonrpc", "2.0");
        body.put("error", error);
        response.getWriter().write(WireJson.MAPPER.writeValueAsString(body));
    }

    /** Header values are echoed only as printable ASCII, truncated, so nothing is injected. */
    private static String printable(String value) {
        String printable = value.replaceAll("[^\\x20-\\x7E]", "?");
        return printable.length() > 40 ? printable.substring(0, 40) + "..." : printable;
    }

    /**
     * Passes successful answers straight through; for a status of 400 and above, holds back the
     * body the transport writes and sends a JSON-RPC error with only its message instead.
     */
    private static final class ErrorBodyGuard extends HttpServletResponseWrapper {

        private int status = SC_OK;
        private CharArrayWriter heldBack;

        ErrorBodyGuard(HttpServletResponse response) {
            super(response);
        }

        @Override
        public void setStatus(int sc) {
            status = sc;
            super.setStatus(sc);
        }

        @Override
        public PrintWriter getWriter() throws IOException {
            if (status < 400) {
                return super.getWriter();
            }
            if (heldBack == null) {
                heldBack = new CharArrayWriter();
            }
            return new PrintWriter(heldBack);
        }

        void finish() throws IOException {
            if (heldBack == null) {
                return;
            }
            String message = "Invalid request";
            try {
                Object parsed = WireJson.MAPPER.readValue(heldBack.toString(), Object.class);
                if (parsed instanceof Map<?, ?> map && map.get("message") instanceof String m && !m.isBlank()) {
                    message = m.lines().findFirst().orElse(message);
                }
            } catch (JacksonException e) {
                LOG.fine(() -> "MCP transport error body was not JSON: " + e.getOriginalMessage());
            }
            reject((HttpServletResponse) getResponse(), status, message);
        }
    }
}
