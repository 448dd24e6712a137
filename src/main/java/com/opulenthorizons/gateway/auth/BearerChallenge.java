package com.opulenthorizons.gateway.auth;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The {@code WWW-Authenticate} value of a refusal (RFC 6750 section 3, RFC 9728 section 5.1): where
 * the resource's metadata is, the scopes to ask for, and for a bad token or a missing scope, the
 * error code.
 *
 * @param resourceMetadata the URL of the protected resource metadata, when tokens are accepted
 * @param scopes the scopes to name ({@code scope="..."})
 * @param error {@code invalid_token} or {@code insufficient_scope}, or empty for a request with no credentials
 */
public record BearerChallenge(Optional<String> resourceMetadata, Collection<Scope> scopes, Optional<String> error) {

    public static final String INVALID_TOKEN = "invalid_token";
    public static final String INSUFFICIENT_SCOPE = "insufficient_scope";

    public String header() {
        List<String> params = new ArrayList<>();
        params.add("realm=\"mcp-gateway\"");
        error.ifPresent(e -> params.add("error=\"" + e + "\""));
        resourceMetadata.ifPresent(url -> params.add("resource_metadata=\"" + url + "\""));
        if (!scopes.isEmpty()) {
            params.add("scope=\"" + scopes.stream().map(Scope::wireName).distinct().collect(Collectors.joining(" ")) + "\"");
        }
        return "Bearer " + String.join(", ", params);
    }
}
