package com.opulenthorizons.gateway.mcp;

import java.util.EnumSet;
import java.util.Map;
import java.util.logging.Logger;

import com.opulenthorizons.gateway.auth.Caller;
import com.opulenthorizons.gateway.mcp.ToolDeclaration.ServerDeclaration;
import com.opulenthorizons.gateway.mcp.sdk.RecordBoundSchemaValidator;

import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceTemplateSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletSseServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema.ServerCapabilities;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;

/**
 * The deprecated HTTP+SSE transport (MCP 2024-11-05), for clients that cannot speak Streamable
 * HTTP: {@code GET {path}/sse} opens the stream, whose first event names the message endpoint
 * ({@code POST {path}/message?sessionId=...}); answers come back on the stream. Off unless
 * {@code MCP_LEGACY_SSE_ENABLED=true}.
 * <p>
 * The same declarations serve it (tools, resources, schemas, scopes), behind the same
 * {@link McpRequestFilter} (Origin and Host, credentials, body size, scope and rate per call,
 * spans) and with the same audit lines. Unlike the stateless endpoints it keeps sessions in this
 * JVM's memory: a stream and its messages must reach the same replica (one replica, or sticky
 * sessions), and {@code tools/list} is not filtered by the caller's scopes (calls still are). A
 * session takes messages only from the caller who opened it ({@link SseSessionOwners}).
 */
final class LegacySseEndpoint {

    private static final Logger LOG = Logger.getLogger(LegacySseEndpoint.class.getName());
    static final String SSE = "/sse";
    static final String MESSAGE = "/message";

    private LegacySseEndpoint() {
    }

    static McpSyncServer register(ServletContext context, ServerDeclaration declared, McpJsonMapper json,
            McpHttpConfig http, McpRequestFilter.Settings checks) {
        String sse = declared.path() + SSE;
        String message = declared.path() + MESSAGE;
        HttpServletSseServerTransportProvider transport = HttpServletSseServerTransportProvider.builder()
                .sseEndpoint(sse)
                .messageEndpoint(message)
                .jsonMapper(json)
                .httpHeaderValidator(http.securityValidator())
                .maxRequestSize(http.maxRequestBytes())
                .contextExtractor(request -> McpTransportContext.create(
                        Map.of(Caller.ATTRIBUTE, ToolCall.callerOf(request.getAttribute(Caller.ATTRIBUTE)))))
                .build();
        McpSyncServer server = McpServer.sync(transport)
                .serverInfo(declared.name(), McpEndpoints.VERSION)
                .jsonMapper(json)
                .capabilities(ServerCapabilities.builder().tools(false).resources(false, false).logging().build())
                .immediateExecution(true)
                .validateToolInputs(false)
                .jsonSchemaValidator(new RecordBoundSchemaValidator())
                // the stateless handlers, given the session's transport context (the caller of each POST)
                .tools(declared.tools().stream().map(t -> new SyncToolSpecification(t.tool(),
                        (exchange, request) -> t.handler().apply(exchange.transportContext(), request))).toList())
                .resources(declared.resources().stream().map(r -> new SyncResourceSpecification(r.resource(),
                        (exchange, request) -> r.reader().apply(exchange.transportContext(), request))).toList())
                .resourceTemplates(declared.templates().stream().map(t -> new SyncResourceTemplateSpecification(t.template(),
                        (exchange, request) -> t.reader().apply(exchange.transportContext(), request))).toList())
                .build();

        String name = declared.name() + "-legacy-sse";
        ServletRegistration.Dynamic servlet = context.addServlet(name, transport);
        servlet.setAsyncSupported(true);
        servlet.addMapping(sse, message);
        FilterRegistration.Dynamic filter = context.addFilter(name + "-request-checks",
                new McpRequestFilter(checks.withVersions(transport.protocolVersions())));
        filter.setAsyncSupported(true);
        filter.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, sse, message);
        // after the checks above (registered later, matched after them): the caller is known by then
        FilterRegistration.Dynamic owners = context.addFilter(name + "-session-owners", new SseSessionOwners());
        owners.setAsyncSupported(true);
        owners.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, sse, message);
        LOG.warning(() -> "MCP server " + declared.name() + " also on the deprecated HTTP+SSE transport at " + sse
                + " (MCP_LEGACY_SSE_ENABLED): its sessions live in this replica's memory");
        return server;
    }
}
