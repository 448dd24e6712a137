package com.opulenthorizons.gateway.mcp;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import com.opulenthorizons.gateway.auth.Scope;

/**
 * Declares a public method of an {@link McpServerEndpoint} bean as an MCP tool. The method takes
 * the tool's request record and returns its result record: the input schema is generated from the
 * first, the output schema from the second (see {@link RecordSchemaGenerator}), and a call's
 * arguments are bound to the request record and validated before the method runs.
 * <p>
 * The hints default as the MCP specification defaults them: a tool that says nothing may change
 * and delete things, may not be repeated safely, and reaches outside the gateway. A tool that is
 * safer says so.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface McpTool {

    /** The tool's wire name, snake_case. */
    String name();

    String title();

    String description();

    /** The scope a caller needs to see and call the tool. */
    Scope scope();

    /** The tool changes nothing. A read-only tool is never destructive, whatever {@link #destructiveHint()} says. */
    boolean readOnlyHint() default false;

    /** The tool may overwrite or delete what exists (meaningful only when not read-only). */
    boolean destructiveHint() default true;

    /** Calling it again with the same arguments has no further effect. */
    boolean idempotentHint() default false;

    /** The tool talks to systems outside the gateway. */
    boolean openWorldHint() default true;
}
