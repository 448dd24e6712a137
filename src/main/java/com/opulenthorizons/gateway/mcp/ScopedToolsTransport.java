package com.opulenthorizons.gateway.mcp;

import java.util.List;
import java.util.Map;

import com.opulenthorizons.gateway.auth.Caller;
import com.opulenthorizons.gateway.auth.Scope;

import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpStatelessServerHandler;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.ListToolsResult;
import io.modelcontextprotocol.spec.McpStatelessServerTransport;
import reactor.core.publisher.Mono;

/**
 * Shows each caller only the tools its scopes allow: {@code tools/list} answers are filtered by
 * the scope each tool declares. A call of a hidden tool is still refused by the tool call itself
 * ({@link ToolCallAdapter}); this only keeps agents from being offered what they cannot use.
 */
final class ScopedToolsTransport implements McpStatelessServerTransport {

    private final McpStatelessServerTransport delegate;
    private final Map<String, Scope> scopeByTool;

    ScopedToolsTransport(McpStatelessServerTransport delegate, Map<String, Scope> scopeByTool) {
        this.delegate = delegate;
        this.scopeByTool = Map.copyOf(scopeByTool);
    }

    @Override
    public void setMcpHandler(McpStatelessServerHandler handler) {
        delegate.setMcpHandler(new McpStatelessServerHandler() {
            @Override
            public Mono<McpSchema.JSONRPCResponse> handleRequest(McpTransportContext context, McpSchema.JSONRPCRequest request) {
                Mono<McpSchema.JSONRPCResponse> response = handler.handleRequest(context, request);
                if (!McpSchema.METHOD_TOOLS_LIST.equals(request.method())) {
                    return response;
                }
                Caller caller = ToolCall.callerIn(context);
                return response.map(r -> r.result() instanceof ListToolsResult tools
                        ? new McpSchema.JSONRPCResponse(r.jsonrpc(), r.id(), visibleTo(caller, tools), r.error())
                        : r);
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

    @Override
    public Mono<Void> closeGracefully() {
        return delegate.closeGracefully();
    }

    @Override
    public List<String> protocolVersions() {
        return delegate.protocolVersions();
    }
}
