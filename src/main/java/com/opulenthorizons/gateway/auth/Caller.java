package com.opulenthorizons.gateway.auth;

import java.util.EnumSet;
import java.util.Set;

/**
 * Who is calling, as the access check established it: a name that audit lines may show (never a
 * secret) and the scopes granted.
 */
public record Caller(String name, Set<Scope> scopes) {

    /** The request attribute, and transport context key, that carries the caller to the tool call. */
    public static final String ATTRIBUTE = "com.opulenthorizons.gateway.caller";

    /** Any caller of an endpoint that is open (on loopback, or by MCP_AUTH=none): every scope. */
    public static final Caller UNAUTHENTICATED = new Caller("unauthenticated", EnumSet.allOf(Scope.class));

    public Caller {
        scopes = scopes.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(scopes));
    }

    /** Whether the caller has {@code scope}; nobody has an unknown (null) one. */
    public boolean mayUse(Scope scope) {
        return scope != null && scopes.contains(scope);
    }
}
