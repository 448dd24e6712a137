package com.opulenthorizons.gateway.mcp;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the CDI bean that declares one MCP server: its name, the path it is served at, and, as its
 * {@link McpTool} and {@link McpResource} methods, everything it offers. {@link McpServerRegistry}
 * finds these beans at start-up.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface McpServerEndpoint {

    /** The server's name in {@code initialize} answers and audit lines, e.g. {@code lead-ingest}. */
    String name();

    /** The servlet path, e.g. {@code /mcp/lead-ingest}. */
    String path();
}
