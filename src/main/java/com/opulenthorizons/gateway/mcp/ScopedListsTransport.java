package com.opulenthorizons.gateway.mcp;

import java.util.List;
import java.util.Map;

import com.opulenthorizons.gateway.auth.Caller;
import com.opulenthorizons.gateway.auth.Scope;
import com.opulenthorizons.gateway.mcp.sdk.AnswerRewritingTransport;
import com.opulenthorizons.gateway.telemetry.McpOperation;

import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpStatelessServerHandler;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.ListResourcesResult;
import io.modelcontextprotocol.spec.McpSchema.ListToolsResult;
import io.modelcontextprotocol.spec.McpStatelessServerTransport;
import reactor.core.publisher.Mono;

/**
 * Shows each caller only the tools and resources its scopes allow: {@code tools/list},
 * {@code resources/list} and {@code resources/templates/list} answers are filtered by the scope each one declares. Calling a hidden
 * tool or reading a hidden resource is still refused by the call itself ({@link ToolCallAdapter},
 * {@link McpServerRegistry}); this only keeps agents from being offered what they cannot use.
 */
final class ScopedListsTransport extends AnswerRewritingTransport {

    private final Map<String, Scope> scopeByTool;
    private final Map<String, Scope> scopeByResource;

    ScopedListsTransport(McpStatelessServerTransport delegate, Map<String, Scope> scopeByTool,
            Map<String, Scope> scopeByResource) {
        super(delegate);
        this.scopeByTool = Map.copyOf(scopeByTool);
        this.scopeByResource = Map.copyOf(scopeByResource);
    }

    @Override
    protected Mono<McpSchema.JSONRPCResponse> answer(McpStatelessServerHandler handler, McpTransportContext context,
            McpSchema.JSONRPCRequest request) {
        Caller caller = ToolCall.callerIn(context);
        return handler.handleRequest(context, request).map(r -> {
            if (r.error() != null) {
                // a JSON-RPC error answer: error.type is its code (semantic conventions for MCP)
                McpOperation.failCurrent(Integer.toString(r.error().code()));
            }
            if (r.result() instanceof ListToolsResult tools) {
                return new McpSchema.JSONRPCResponse(r.jsonrpc(), r.id(), visibleTo(caller, tools), r.error());
            }
            if (r.result() instanceof ListResourcesResult resources) {
                return new McpSchema.JSONRPCResponse(r.jsonrpc(), r.id(), visibleTo(caller, resources), r.error());
            }
            if (r.result() instanceof McpSchema.ListResourceTemplatesResult templates) {
                List<McpSchema.ResourceTemplate> visible = templates.resourceTemplates().stream()
                        .filter(t -> caller.mayUse(scopeByResource.get(t.uriTemplate()))).toList();
                return new McpSchema.JSONRPCResponse(r.jsonrpc(), r.id(),
                        new McpSchema.ListResourceTemplatesResult(visible, templates.nextCursor()), r.error());
            }
            return r;
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
}
