package com.opulenthorizons.gateway.mcp;

import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.ReadResourceResult;
import io.modelcontextprotocol.spec.McpSchema.Resource;
import io.modelcontextprotocol.spec.McpSchema.Tool;

/** A tool as a server declares it, independent of the MCP transport that will serve it. */
record ToolDeclaration(Tool tool, Function<CallToolRequest, CallToolResult> handler) {

    /** A resource as a server declares it. */
    record ResourceDeclaration(Resource resource, Supplier<ReadResourceResult> reader) {
    }

    /** One MCP server: its name, its path, and what it offers. */
    record ServerDeclaration(String name, String path, List<ToolDeclaration> tools, List<ResourceDeclaration> resources) {
    }
}
