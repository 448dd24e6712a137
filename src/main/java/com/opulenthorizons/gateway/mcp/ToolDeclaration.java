package com.opulenthorizons.gateway.mcp;

import java.util.List;
import java.util.function.BiFunction;

import com.opulenthorizons.gateway.auth.Scope;

import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.ReadResourceRequest;
import io.modelcontextprotocol.spec.McpSchema.ReadResourceResult;
import io.modelcontextprotocol.spec.McpSchema.Resource;
import io.modelcontextprotocol.spec.McpSchema.ResourceTemplate;
import io.modelcontextprotocol.spec.McpSchema.Tool;

/** A tool as a server declares it: its description, the scope a caller needs, and what answers a call. */
record ToolDeclaration(Tool tool, Scope scope, BiFunction<McpTransportContext, CallToolRequest, CallToolResult> handler) {

    /** A resource as a server declares it, with the scope a reader needs. */
    record ResourceDeclaration(Resource resource, Scope scope,
            BiFunction<McpTransportContext, ReadResourceRequest, ReadResourceResult> reader) {
    }

    /** A resource template (such as {@code person://{ohid}}) as a server declares it, with the scope a reader needs. */
    record ResourceTemplateDeclaration(ResourceTemplate template, Scope scope,
            BiFunction<McpTransportContext, ReadResourceRequest, ReadResourceResult> reader) {
    }

    /** One MCP server: its name, its path, and what it offers. */
    record ServerDeclaration(String name, String path, List<ToolDeclaration> tools, List<ResourceDeclaration> resources,
            List<ResourceTemplateDeclaration> templates) {
    }
}
