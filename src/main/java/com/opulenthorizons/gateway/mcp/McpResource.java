package com.opulenthorizons.gateway.mcp;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import com.opulenthorizons.gateway.auth.Scope;

/**
 * Declares a public, parameterless method of an {@link McpServerEndpoint} bean as an MCP resource.
 * Whatever the method returns is read out as JSON with the gateway's wire names.
 * <p>
 * A {@link #uri()} with one {@code {variable}}, such as {@code person://{ohid}}, declares a resource
 * template instead: the method then takes one {@code String}, the variable's value in the URI read.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface McpResource {

    String uri();

    String name();

    String title();

    String description();

    /** The scope a caller needs to see and read the resource. */
    Scope scope();

    String mimeType() default "application/json";
}
