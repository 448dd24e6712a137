package com.opulenthorizons.gateway.auth;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The OAuth 2.1 resource-server settings, as the MicroProfile JWT keys and two of the gateway's own
 * name them. Liberty's MicroProfile JWT runtime reads the {@code mp.jwt.verify.*} keys itself and
 * checks the signature, expiry, issuer and audience; these are read here only to decide whether
 * tokens are accepted at all and to describe the resource (RFC 9728).
 *
 * @param issuer {@code mp.jwt.verify.issuer}
 * @param keyLocation {@code mp.jwt.verify.publickey.location}: a JWKS URL or a PEM file
 * @param audiences {@code mp.jwt.verify.audiences}: the audiences a token may carry (RFC 8707)
 * @param resourceUrl {@code MCP_RESOURCE_URL}: this gateway's resource identifier, its public base URL
 * @param authorizationServers {@code MCP_AUTHORIZATION_SERVERS}; the issuer when empty
 */
public record OAuthSettings(Optional<String> issuer, Optional<String> keyLocation, List<String> audiences,
        Optional<String> resourceUrl, List<String> authorizationServers) {

    public static final OAuthSettings NONE = new OAuthSettings(Optional.empty(), Optional.empty(), List.of(),
            Optional.empty(), List.of());

    public OAuthSettings {
        issuer = trimmed(issuer);
        keyLocation = trimmed(keyLocation);
        resourceUrl = trimmed(resourceUrl).map(OAuthSettings::withoutTrailingSlash);
        audiences = List.copyOf(audiences);
        authorizationServers = authorizationServers.isEmpty() ? issuer.map(List::of).orElse(List.of())
                : List.copyOf(authorizationServers);
    }

    /** Whether the operator asked for tokens: any of the settings that only OAuth uses is set. */
    public boolean requested() {
        return issuer.isPresent() || keyLocation.isPresent() || !audiences.isEmpty();
    }

    /**
     * The settings still missing for tokens to be accepted safely. An audience is required: without
     * one, a token the identity provider issued for any other application would be accepted here.
     */
    public List<String> missing() {
        List<String> missing = new ArrayList<>();
        if (issuer.isEmpty()) {
            missing.add("mp.jwt.verify.issuer (MP_JWT_VERIFY_ISSUER)");
        }
        if (keyLocation.isEmpty()) {
            missing.add("mp.jwt.verify.publickey.location (MP_JWT_VERIFY_PUBLICKEY_LOCATION)");
        }
        if (audiences.isEmpty()) {
            missing.add("mp.jwt.verify.audiences (MP_JWT_VERIFY_AUDIENCES)");
        }
        if (resourceUrl.isEmpty()) {
            missing.add("MCP_RESOURCE_URL");
        } else if (!isOrigin(resourceUrl.get())) {
            missing.add("MCP_RESOURCE_URL as an origin such as https://mcp.example.com (http or https, no path, query or fragment)");
        }
        return missing;
    }

    /** Tokens are accepted: every setting is there. */
    public boolean ready() {
        return requested() && missing().isEmpty();
    }

    /** The well-known documents are served at the server's root, so the resource is an origin. */
    static boolean isOrigin(String url) {
        try {
            URI uri = new URI(url);
            return ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null
                    && (uri.getRawPath() == null || uri.getRawPath().isEmpty()) && uri.getRawQuery() == null
                    && uri.getRawFragment() == null && uri.getRawUserInfo() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static Optional<String> trimmed(Optional<String> value) {
        return value.map(String::trim).filter(s -> !s.isEmpty());
    }

    private static String withoutTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
