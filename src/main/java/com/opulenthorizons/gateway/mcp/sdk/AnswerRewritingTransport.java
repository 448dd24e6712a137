package com.opulenthorizons.gateway.mcp.sdk;

import java.util.List;

import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpStatelessServerHandler;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpStatelessServerTransport;
import reactor.core.publisher.Mono;

/**
 * A stateless transport that passes everything to the SDK's, except that it may answer a request
 * itself or change the SDK's answer: the stateless server offers no other hook between a request
 * and its answer. Notifications, shutdown and protocol versions go straight through.
 */
public abstract class AnswerRewritingTransport implements McpStatelessServerTransport {

    private final McpStatelessServerTransport delegate;

    protected AnswerRewritingTransport(McpStatelessServerTransport delegate) {
        this.delegate = delegate;
    }

    /** The answer to {@code request}; {@code handler} is the SDK's, for the requests passed on. */
    protected abstract Mono<McpSchema.JSONRPCResponse> answer(McpStatelessServerHandler handler, McpTransportContext context,
            McpSchema.JSONRPCRequest request);

    @Override
    public final void setMcpHandler(McpStatelessServerHandler handler) {
        delegate.setMcpHandler(new McpStatelessServerHandler() {
            @Override
            public Mono<McpSchema.JSONRPCResponse> handleRequest(McpTransportContext context, McpSchema.JSONRPCRequest request) {
                return answer(handler, context, request);
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
