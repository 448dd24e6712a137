package com.opulenthorizons.gateway.mcp.sdk;

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
public final class SetLevelAnsweringTransport extends AnswerRewritingTransport {

    public SetLevelAnsweringTransport(McpStatelessServerTransport delegate) {
        super(delegate);
    }

    @Override
    protected Mono<McpSchema.JSONRPCResponse> answer(McpStatelessServerHandler handler, McpTransportContext context,
            McpSchema.JSONRPCRequest request) {
        if (McpSchema.METHOD_LOGGING_SET_LEVEL.equals(request.method())) {
            return Mono.just(new McpSchema.JSONRPCResponse(McpSchema.JSONRPC_VERSION, request.id(), Map.of(), null));
        }
        return handler.handleRequest(context, request);
    }
}
