package com.opulenthorizons.gateway.mcp;

import java.util.Set;

import com.opulenthorizons.gateway.auth.Caller;
import com.opulenthorizons.gateway.auth.Scope;

import io.modelcontextprotocol.common.McpTransportContext;

/** One call of a tool: which server and tool, the scope the tool needs, and who calls. */
public record ToolCall(String server, String tool, Scope scope, Caller caller) {

    /** A caller the transport context does not name has no scopes: fail closed. */
    private static final Caller NOBODY = new Caller("unidentified", Set.of());

    /** The caller that {@link McpRequestFilter} put on the request, through the transport's context. */
    static Caller callerIn(McpTransportContext context) {
        return context == null ? NOBODY : callerOf(context.get(Caller.ATTRIBUTE));
    }

    /** As {@link #callerIn}, from the request attribute the filter set. */
    static Caller callerOf(Object attribute) {
        return attribute instanceof Caller caller ? caller : NOBODY;
    }
}
