package com.opulenthorizons.gateway.mcp;

import java.util.List;
import java.util.Map;

import com.opulenthorizons.gateway.auth.Caller;
import com.opulenthorizons.gateway.auth.Scope;

import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpStatelessServerHandler;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.ListResourcesResult;
import io.modelcontextprotocol.spec.McpSchema.ListToolsResult;
import io.modelcontextprotocol.spec.McpStatelessServerTransport;
import reactor.core.publisher.Mono;

/**
 * Shows each caller only the tools and resources its scopes allow: {@code tools/list} and
 * {@code resources/list} answers are filtered by the scope each one declares. Calling a hidden
 * tool or reading a hidden resource is still refused by the call itself ({@link ToolCallAdapter},
 * {@link McpServerRegistry}); this only keeps agents from being offered what they cannot use.
 */
final class ScopedListsTransport implements McpStatelessServerTransport {

    private final McpStatelessServerTransport delegate;
    private final Map<String, Scope> scopeByTool;
    private final Map<String, Scope> scopeByResource;

    ScopedListsTransport(McpStatelessServerTransport delegate, Map<String, Scope> scopeByTool,
            Map<String, Scope> scopeByResource) {
        this.delegate = delegate;
        this.scopeByTool = Map.copyOf(scopeByTool);
        this.scopeByResource = Map.copyOf(scopeByResource);
    }

    @Override
    public void setMcpHandler(McpStatelessServerHandler handler) {
        delegate.setMcpHandler(new McpStatelessServerHandler() {
            @Override
            public Mono<McpSchema.JSONRPCResponse> handleRequest(McpTransportContext context, McpSchema.JSONRPCRequest request) {
                Mono<McpSchema.JSONRPCResponse> response = handler.handleRequest(context, request);
                Caller caller = ToolCall.callerIn(context);
                return response.map(r -> {
                    if (r.result() instanceof ListToolsResult tools) {
                        return new McpSchema.JSONRPCResponse(r.jsonrpc(), r.id(), visibleTo(caller, tools), r.error());
                    }
                    if (r.result() instanceof ListResourcesResult resources) {
                        return new McpSchema.JSONRPCResponse(r.jsonrpc(), r.id(), visibleTo(caller, resources), r.error());
                    }
                    return r;
                });
            }

            @Override
            public Mono<Void> handleNotification(McpTransportContext context, McpSchema.JSONRPCNotification notification) {
                return handler.handleNotification(context, notification);
            }
        });
    }

    private ListToolsResult visibleTo(Caller caller, ListToolsResult tools) {
        List<McpSchema.Tool> visible = tools.tools().stream()
                .filter(tool -> caller.mayUse(scopeByTool.get(tool.name())))
                .toList();
        return new ListToolsResult(visible, tools.nextCursor());
    }

    private ListResourcesResult visibleTo(Caller caller, ListResourcesResult resources) {
        List<McpSchema.Resource> visible = resources.resources().stream()
                .filter(resource -> caller.mayUse(scopeByResource.get(resource.uri())))
                .toList();
        return new ListResourcesResult(visible, resources.nextCursor());
    }

    @Override
    public Mono<Void> closeGracefully() {
        return delegate.closeGracefully();
    }

    @Override
    public List<String> protocolVersions() {
        return delegate.protocolVersions();
    }
}
