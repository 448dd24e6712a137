package com.opulenthorizons.gateway.mcp;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.logging.Logger;

import com.opulenthorizons.gateway.auth.Authentication;
import com.opulenthorizons.gateway.auth.BearerChallenge;
import com.opulenthorizons.gateway.auth.Caller;
import com.opulenthorizons.gateway.auth.RequestAuthenticator;
import com.opulenthorizons.gateway.auth.Scope;
import com.opulenthorizons.gateway.common.LargeBodyGate;
import com.opulenthorizons.gateway.common.Correlation;
import com.opulenthorizons.gateway.common.RequestBodyLimit;
import com.opulenthorizons.gateway.ratelimit.RateLimiter;
import com.opulenthorizons.gateway.ratelimit.RepeatedWarnings;
import com.opulenthorizons.gateway.telemetry.GatewayMetrics;
import com.opulenthorizons.gateway.telemetry.McpOperation;

import io.modelcontextprotocol.server.transport.HeaderAccessor;
import io.modelcontextprotocol.server.transport.ServerHttpHeaderValidator;
import io.modelcontextprotocol.server.transport.ServerTransportSecurityException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

/**
 * HTTP checks that the SDK's servlet transport leaves to us, in this order:
 * <ul>
 * <li>Origin and Host (DNS-rebinding protection: 403 / 421);</li>
 * <li>who calls ({@link RequestAuthenticator}: 401 with the MCP specification's challenge), with
 *     refused credentials counted per source address (429 once over the limit);</li>
 * <li>an {@code MCP-Protocol-Version} the server does not speak (400), a body over the limit (413)
 *     or without Content-Length (411);</li>
 * <li>for a tool call or resource read, the scope it needs (403 {@code insufficient_scope}, so that
 *     an OAuth client can step up) and the caller's rate for that tool (429 with {@code Retry-After}).
 *     Both answer with a JSON-RPC error that carries the request's id.</li>
 * </ul>
 * The transport's own HTTP-level errors are rewritten by {@link ErrorBodyGuard}.
 */
final class McpRequestFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(McpRequestFilter.class.getName());
    private static final RepeatedWarnings WARNINGS = new RepeatedWarnings(LOG);
    static final String PROTOCOL_VERSION_HEADER = "MCP-Protocol-Version";
    static final String SESSION_HEADER = "Mcp-Session-Id";

    /** What the filter needs to know about one MCP server. */
    record Settings(String serverName, List<String> supportedVersions, long maxRequestBytes, ServerHttpHeaderValidator originAndHost,
            RequestAuthenticator authenticator, Map<String, Scope> toolScopes, Map<String, Scope> resourceScopes,
            RateLimiter callLimits, RateLimiter refusedCredentialLimits, LargeBodyGate largeBodies) {

        Settings {
            supportedVersions = List.copyOf(supportedVersions);
            toolScopes = Map.copyOf(toolScopes);
            resourceScopes = Map.copyOf(resourceScopes);
        }

        /** The scope a resource read needs: by its exact URI, or by the template it matches ({@code person://{ohid}}). */
        Scope resourceScope(String uri) {
            Scope exact = uri == null ? null : resourceScopes.get(uri);
            if (exact != null || uri == null) {
                return exact;
            }
            return resourceScopes.entrySet().stream()
                    .filter(e -> e.getKey().contains("{") && ResourceTemplates.uriPattern(e.getKey()).matcher(uri).matches())
                    .map(Map.Entry::getValue).findFirst().orElse(null);
        }

        /** The same checks for a transport that speaks other protocol versions. */
        Settings withVersions(List<String> versions) {
            return new Settings(serverName, versions, maxRequestBytes, originAndHost, authenticator, toolScopes, resourceScopes,
                    callLimits, refusedCredentialLimits, largeBodies);
        }

        Collection<Scope> allScopes() {
            return java.util.stream.Stream.concat(toolScopes.values().stream(), resourceScopes.values().stream())
                    .distinct().sorted().toList();
        }
    }

    private final transient Settings settings;
    private final transient RequestBodyLimit bodyLimit;
    /** Every scope of this server, for the challenge of a refused request: computed once, not per request. */
    private final transient List<Scope> allScopes;

    McpRequestFilter(Settings settings) {
        this.settings = settings;
        this.bodyLimit = new RequestBodyLimit(settings.maxRequestBytes());
        this.allScopes = List.copyOf(settings.allScopes());
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        try {
            settings.originAndHost().validate(headersOf(request));
        } catch (ServerTransportSecurityException e) {
            JsonRpcRefusal.write(response, e.getStatusCode(), null, e.getMessage());
            return;
        }
        Optional<Caller> caller = settings.authenticator().admit(request, response, allScopes,
                settings.refusedCredentialLimits(), (status, message) -> JsonRpcRefusal.write(response, status, null, message));
        if (caller.isEmpty()) {
            return;
        }
        request.setAttribute(Caller.ATTRIBUTE, caller.get());
        String version = request.getHeader(PROTOCOL_VERSION_HEADER);
        if (version != null && !settings.supportedVersions().contains(version.trim())) {
            JsonRpcRefusal.write(response, HttpServletResponse.SC_BAD_REQUEST, null, "Unsupported MCP-Protocol-Version '"
                    + printable(version) + "'; this server supports " + String.join(", ", settings.supportedVersions()));
            return;
        }
        Optional<RequestBodyLimit.Refusal> refusal = bodyLimit.check(request.getMethod(), request.getContentLengthLong());
        if (refusal.isPresent()) {
            JsonRpcRefusal.write(response, refusal.get().status(), null, refusal.get().message());
            return;
        }
        Optional<LargeBodyGate.Pass> pass = "POST".equals(request.getMethod())
                ? settings.largeBodies().enter(request.getContentLengthLong()) : Optional.of(() -> { });
        if (pass.isEmpty()) {
            GatewayMetrics.rateLimited("large_requests");
            refuseLargeBody(caller.get(), response);
            return;
        }
        try (LargeBodyGate.Pass held = pass.get()) {
            if (!"POST".equals(request.getMethod())) {
                forward(request, response, chain, null);
                return;
            }
            byte[] body = request.getInputStream().readNBytes((int) request.getContentLengthLong());
            Optional<JsonRpcEnvelope> envelope = JsonRpcEnvelope.peek(body);
            if (envelope.isEmpty()) {
                forward(new ReadBodyRequest(request, body), response, chain, null);
                return;
            }
            JsonRpcEnvelope call = envelope.get();
            String tool = call.isToolCall() && settings.toolScopes().containsKey(call.target()) ? call.target() : null;
            // Streamable HTTP names its session in a header, the legacy SSE transport in the message URL
            String session = Optional.ofNullable(request.getHeader(SESSION_HEADER)).orElseGet(() -> request.getParameter("sessionId"));
            try (McpOperation operation = McpOperation.start(new McpOperation.Request(call.method(), tool, call.id(),
                    version == null ? null : version.trim(), session, call.trace()), request::getHeader)) {
                if (!refusedForScopeOrRate(caller.get(), call, response, operation)) {
                    forward(new ReadBodyRequest(request, body), response, chain, operation);
                }
            }
        }
    }

    private static void forward(HttpServletRequest request, HttpServletResponse response, FilterChain chain,
            McpOperation operation) throws IOException, ServletException {
        ErrorBodyGuard guarded = new ErrorBodyGuard(response);
        try {
            chain.doFilter(request, guarded);
        } catch (IOException | ServletException | RuntimeException e) {
            if (operation != null) {
                operation.failed(e.getClass().getName());
            }
            throw e;
        }
        if (operation != null && guarded.getStatus() >= 400) {
            operation.failed(Integer.toString(guarded.getStatus()));
        }
        guarded.finish();
    }

    private void refuseLargeBody(Caller caller, HttpServletResponse response) throws IOException {
        LargeBodyGate gate = settings.largeBodies();
        WARNINGS.warn("large-bodies", "MCP requests refused: more than " + gate.permits() + " bodies over "
                + gate.thresholdBytes() + " bytes at once (MCP_LARGE_REQUESTS_IN_FLIGHT); last caller " + caller.name());
        response.setHeader("Retry-After", "1");
        JsonRpcRefusal.write(response, 429, null, "busy: " + gate.permits() + " requests over " + gate.thresholdBytes()
                + " bytes are already being handled; retry after 1 s");
    }

    private boolean refusedForScopeOrRate(Caller caller, JsonRpcEnvelope call, HttpServletResponse response,
            McpOperation traced) throws IOException {
        Scope needed = call.isToolCall() ? settings.toolScopes().get(call.target())
                : call.isResourceRead() ? settings.resourceScope(call.target()) : null;
        if (needed != null && !caller.mayUse(needed)) {
            Authentication.Refused refused = settings.authenticator().insufficientScope(needed,
                    (call.isToolCall() ? "the tool " : "the resource ") + call.target());
            ToolAudit.error(new ToolCall(settings.serverName(), call.target(), needed, caller), Correlation.newId(), 0,
                    BearerChallenge.INSUFFICIENT_SCOPE, refused.message());
            response.setHeader("WWW-Authenticate", refused.challenge());
            JsonRpcRefusal.write(response, refused.status(), call.id(), refused.message());
            traced.failed(Integer.toString(refused.status()));
            return true;
        }
        String operation = call.isToolCall() && call.target() != null ? call.target() : call.method();
        OptionalLong retryAfter = settings.callLimits().tryTake(caller.name() + " " + operation);
        if (retryAfter.isPresent()) {
            WARNINGS.warn("call-limit", "MCP calls refused: caller " + caller.name() + " went over "
                    + settings.callLimits().perMinute() + " calls a minute of " + operation + " (RATE_LIMIT_TOOL_CALLS_PER_MINUTE)");
            traced.failed("429");
            GatewayMetrics.rateLimited("tool_calls");
            response.setHeader("Retry-After", Long.toString(retryAfter.getAsLong()));
            JsonRpcRefusal.write(response, 429, call.id(), "rate limit: more than " + settings.callLimits().perMinute()
                    + " calls a minute of " + operation + "; retry after " + retryAfter.getAsLong() + " s");
            return true;
        }
        return false;
    }

    private static HeaderAccessor headersOf(HttpServletRequest request) {
        return new HeaderAccessor() {
            @Override
            public List<String> getHeader(String name) {
                return Collections.list(request.getHeaders(name));
            }

            @Override
            public List<String> getHeaderNames() {
                return Collections.list(request.getHeaderNames());
            }
        };
    }

    /** Header values are echoed only as printable ASCII, truncated, so nothing is injected. */
    private static String printable(String value) {
        String printable = value.replaceAll("[^\\x20-\\x7E]", "?");
        return printable.length() > 40 ? printable.substring(0, 40) + "..." : printable;
    }

    /** The request with its body already read (for the checks above), served again to the transport. */
    private static final class ReadBodyRequest extends HttpServletRequestWrapper {

        private final byte[] body;

        ReadBodyRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new IllegalStateException("the body is already read; it is served synchronously");
                }

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            String encoding = getCharacterEncoding();
            return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(body),
                    encoding == null ? StandardCharsets.UTF_8 : java.nio.charset.Charset.forName(encoding)));
        }
    }
}
