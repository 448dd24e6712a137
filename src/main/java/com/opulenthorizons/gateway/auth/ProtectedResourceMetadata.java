package com.opulenthorizons.gateway.auth;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * This gateway as an OAuth protected resource (RFC 9728): the document served at
 * {@code /.well-known/oauth-protected-resource} for the whole gateway, and at the path-suffixed
 * form for each MCP endpoint, whose {@code resource} is then the endpoint's URL, as section 3.3 requires.
 */
public record ProtectedResourceMetadata(String resourceUrl, List<String> authorizationServers) {

    public static final String WELL_KNOWN = "/.well-known/oauth-protected-resource";

    public static ProtectedResourceMetadata of(OAuthSettings oauth) {
        return new ProtectedResourceMetadata(oauth.resourceUrl().orElseThrow(), oauth.authorizationServers());
    }

    /** Where the gateway's own document is; 401 answers point here. */
    public String url() {
        return resourceUrl + WELL_KNOWN;
    }

    /**
     * The document for the resource at {@code path} ("" for the whole gateway) that needs {@code scopes}.
     */
    public Map<String, Object> document(String path, Collection<Scope> scopes) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("resource", resourceUrl + path);
        doc.put("authorization_servers", authorizationServers);
        doc.put("scopes_supported", scopes.stream().map(Scope::wireName).distinct().toList());
        doc.put("bearer_methods_supported", List.of("header"));
        doc.put("resource_name", "Opulent Horizons MCP Gateway");
        return doc;
    }
}
