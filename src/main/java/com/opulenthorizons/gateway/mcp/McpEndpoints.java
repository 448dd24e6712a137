package com.opulenthorizons.gateway.mcp;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.logging.Logger;

import com.opulenthorizons.gateway.auth.AccessConfig;
import com.opulenthorizons.gateway.auth.Caller;
import com.opulenthorizons.gateway.auth.ProtectedResourceMetadata;
import com.opulenthorizons.gateway.auth.ProtectedResourceMetadataServlet;
import com.opulenthorizons.gateway.auth.RequestAuthenticator;
import com.opulenthorizons.gateway.auth.Scope;
import com.opulenthorizons.gateway.common.LargeBodyGate;
import com.opulenthorizons.gateway.common.WireJson;
import com.opulenthorizons.gateway.mcp.ToolDeclaration.ServerDeclaration;
import com.opulenthorizons.gateway.mcp.sdk.McpMessageMapper;
import com.opulenthorizons.gateway.mcp.sdk.RecordBoundSchemaValidator;
import com.opulenthorizons.gateway.mcp.sdk.SetLevelAnsweringTransport;
import com.opulenthorizons.gateway.ratelimit.RateLimitConfig;

import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpStatelessServerFeatures.SyncResourceSpecification;
import io.modelcontextprotocol.server.McpStatelessServerFeatures.SyncResourceTemplateSpecification;
import io.modelcontextprotocol.server.McpStatelessServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpStatelessSyncServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStatelessServerTransport;
import io.modelcontextprotocol.spec.McpSchema.ServerCapabilities;
import jakarta.inject.Inject;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletRegistration;

/**
 * Builds the MCP servers and registers their servlets. Declared in web.xml: the SDK's servlets
 * cannot be picked up by annotation scanning (see web.xml).
 * <p>
 * The endpoints are stateless (Streamable HTTP without sessions): every POST carries a whole
 * JSON-RPC exchange and is answered with JSON, so any replica behind a load balancer can answer
 * any request with no sticky sessions. GET (a server-to-client stream) answers 405, which the
 * specification allows; server-initiated messages are not used by these servers. The deprecated
 * HTTP+SSE transport can be added beside them ({@link LegacySseEndpoint}).
 */
public class McpEndpoints implements ServletContextListener {

    private static final Logger LOG = Logger.getLogger(McpEndpoints.class.getName());
    static final String VERSION = "1.0.0";
    private static final McpJsonMapper JSON = new McpMessageMapper(WireJson.PLAIN);

    @Inject
    McpServerRegistry registry;

    @Inject
    McpHttpConfig http;

    @Inject
    AccessConfig access;

    @Inject
    RateLimitConfig rateLimits;

    private final List<McpStatelessSyncServer> servers = new ArrayList<>();
    private final List<McpSyncServer> legacyServers = new ArrayList<>();

    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServletContext context = event.getServletContext();
        access.logAtStart();
        RequestAuthenticator authenticator = RequestAuthenticator.of(access);
        LargeBodyGate largeBodies = http.largeBodyGate();
        registry.servers().forEach(server -> register(context, server, authenticator, largeBodies));
        authenticator.metadata().ifPresent(metadata -> {
            ServletRegistration.Dynamic servlet = context.addServlet("oauth-protected-resource",
                    new ProtectedResourceMetadataServlet(metadata, registry.servers().stream().collect(Collectors.toMap(
                            ServerDeclaration::path, McpEndpoints::scopesOf))));
            servlet.addMapping(ProtectedResourceMetadata.WELL_KNOWN, ProtectedResourceMetadata.WELL_KNOWN + "/*");
            LOG.info(() -> "OAuth protected resource metadata at " + metadata.url());
        });
    }

    private static Collection<Scope> scopesOf(ServerDeclaration server) {
        return Stream.concat(server.tools().stream().map(ToolDeclaration::scope),
                server.resources().stream().map(ToolDeclaration.ResourceDeclaration::scope)).distinct().sorted().toList();
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        servers.forEach(McpStatelessSyncServer::closeGracefully);
        servers.clear();
        legacyServers.forEach(McpSyncServer::closeGracefully);
        legacyServers.clear();
    }

    private void register(ServletContext context, ServerDeclaration declared, RequestAuthenticator authenticator,
            LargeBodyGate largeBodies) {
        String name = declared.name();
        String path = declared.path();
        List<ToolDeclaration> tools = declared.tools();
        List<ToolDeclaration.ResourceDeclaration> resources = declared.resources();
        List<ToolDeclaration.ResourceTemplateDeclaration> templates = declared.templates();
        // a template's scope is under its uri template: its reads are checked by the template's handler
        Map<String, Scope> resourceScopes = new HashMap<>();
        resources.forEach(r -> resourceScopes.put(r.resource().uri(), r.scope()));
        templates.forEach(t -> resourceScopes.put(t.template().uriTemplate(), t.scope()));
        HttpServletStatelessServerTransport transport = HttpServletStatelessServerTransport.builder()
                .messageEndpoint(path)
                .jsonMapper(JSON)
                .httpHeaderValidator(http.securityValidator())
                .maxRequestSize(http.maxRequestBytes())
                // the caller that McpRequestFilter established, for the tool calls' scope checks and audit lines
                .contextExtractor(request -> McpTransportContext.create(
                        Map.of(Caller.ATTRIBUTE, ToolCall.callerOf(request.getAttribute(Caller.ATTRIBUTE)))))
                .build();
        Map<String, Scope> toolScopes = tools.stream().collect(Collectors.toMap(t -> t.tool().name(), ToolDeclaration::scope));
        SetLevelAnsweringTransport served = new SetLevelAnsweringTransport(new ScopedListsTransport(transport, toolScopes,
                resourceScopes));

        McpStatelessSyncServer server = McpServer.sync(served)
                .serverInfo(name, VERSION)
                .jsonMapper(JSON)
                .capabilities(ServerCapabilities.builder().tools(false).resources(false, false).logging().build())
                // Handlers run on the servlet's own (Liberty-managed) thread, not on Reactor's pool.
                .immediateExecution(true)
                // Arguments are validated by binding them to request records (ToolCallAdapter).
                .validateToolInputs(false)
                .jsonSchemaValidator(new RecordBoundSchemaValidator())
                .tools(tools.stream()
                        .map(t -> new SyncToolSpecification(t.tool(), t.handler()))
                        .toList())
                .resources(resources.stream()
                        .map(r -> new SyncResourceSpecification(r.resource(), r.reader()))
                        .toList())
                .resourceTemplates(templates.stream()
                        .map(t -> new SyncResourceTemplateSpecification(t.template(), t.reader()))
                        .toList())
                .build();
        servers.add(server);

        ServletRegistration.Dynamic servlet = context.addServlet(name, transport);
        servlet.setAsyncSupported(true);
        servlet.setLoadOnStartup(1);
        servlet.addMapping(path);

        McpRequestFilter.Settings checks = new McpRequestFilter.Settings(name, served.protocolVersions(), http.maxRequestBytes(),
                http.securityValidator(), authenticator, toolScopes, resourceScopes, rateLimits.toolCalls(),
                rateLimits.refusedCredentials(), largeBodies);
        FilterRegistration.Dynamic filter = context.addFilter(name + "-request-checks", new McpRequestFilter(checks));
        filter.setAsyncSupported(true);
        // after the filters registered before it, MicroProfile Telemetry's HTTP span among them: the MCP span is its child
        filter.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, path);

        LOG.info(() -> "MCP server " + name + " (stateless Streamable HTTP) at " + path + " with " + tools.size()
                + " tools, " + resources.size() + " resources and " + templates.size() + " resource templates");
        if (http.legacySseEnabled()) {
            legacyServers.add(LegacySseEndpoint.register(context, declared, JSON, http, checks));
        }
    }
}
