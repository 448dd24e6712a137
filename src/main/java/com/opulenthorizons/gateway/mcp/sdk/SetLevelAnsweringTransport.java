package com.opulenthorizons.gateway.mcp.sdk;

import java.util.List;
import java.util.Map;

import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpStatelessServerHandler;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpStatelessServerTransport;
import reactor.core.publisher.Mono;

/**
 * Wraps the stateless servlet transport so that {@code logging/setLevel} is answered with an
 * empty result. The SDK's stateless server has no handler for it, and "method not found" makes
 * clients that set a level at start-up fail. With no session there is no stream to send log
 * notifications on, so accepting the level is all a stateless server can honestly do.
 */
public final class SetLevelAnsweringTransport implements McpStatelessServerTransport {

    private final McpStatelessServerTransport delegate;

    public SetLevelAnsweringTransport(McpStatelessServerTransport delegate) {
        this.delegate = delegate;
    }

    @Override
    public void setMcpHandler(McpStatelessServerHandler handler) {
        delegate.setMcpHandler(new McpStatelessServerHandler() {
            @Override
            public Mono<McpSchema.JSONRPCResponse> handleRequest(McpTransportContext context, McpSchema.JSONRPCRequest request) {
                if (McpSchema.METHOD_LOGGING_SET_LEVEL.equals(request.method())) {
                    return Mono.just(new McpSchema.JSONRPCResponse(McpSchema.JSONRPC_VERSION, request.id(), Map.of(), null));
                }
                return handler.handleRequest(context, request);
            }

            @Override
            public Mono<Void> handleNotification(McpTransportContext context, McpSchema.JSONRPCNotification notification) {
                return handler.handleNotification(context, notification);
            }
        });
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
