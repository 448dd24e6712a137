package com.opulenthorizons.gateway.auth;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.opulenthorizons.gateway.common.CommaSeparated;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The MCP endpoints' access settings: {@code MCP_API_KEYS}, {@code MCP_AUTH} and the address the
 * server listens on (Liberty's {@code http.host}, localhost unless the container image says
 * otherwise). Read once, at start-up.
 */
@ApplicationScoped
public class AccessConfig {

    private static final Logger LOG = Logger.getLogger(AccessConfig.class.getName());

    @Inject
    @ConfigProperty(name = "MCP_API_KEYS")
    Optional<String> apiKeys;

    @Inject
    @ConfigProperty(name = "MCP_API_KEYS_FILE")
    Optional<String> apiKeysFile;

    @Inject
    @ConfigProperty(name = "MCP_AUTH")
    Optional<String> mcpAuth;

    @Inject
    @ConfigProperty(name = "http.host", defaultValue = "localhost")
    String bindHost;

    // The standard MicroProfile JWT keys: Liberty's mpJwt runtime verifies tokens with them.
    @Inject
    @ConfigProperty(name = "mp.jwt.verify.issuer")
    Optional<String> jwtIssuer;

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.publickey.location")
    Optional<String> jwtKeyLocation;

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.audiences")
    Optional<String> jwtAudiences;

    @Inject
    @ConfigProperty(name = "MCP_RESOURCE_URL")
    Optional<String> resourceUrl;

    @Inject
    @ConfigProperty(name = "MCP_AUTHORIZATION_SERVERS")
    Optional<String> authorizationServers;

    private volatile OAuthSettings oauth;

    private volatile ApiKeys keys;
    private volatile AccessPolicy policy;

    /** Worked out once, so that the filter and readiness always agree (the bind host may need a DNS lookup). */
    public AccessPolicy policy() {
        if (policy == null) {
            policy = new AccessPolicy(bindHost, apiKeys().configured(), mcpAuth, oauth());
        }
        return policy;
    }

    /** The OAuth resource-server settings, read once. */
    public OAuthSettings oauth() {
        if (oauth == null) {
            oauth = new OAuthSettings(jwtIssuer, jwtKeyLocation, jwtAudiences.map(CommaSeparated::values).orElse(List.of()),
                    resourceUrl, authorizationServers.map(CommaSeparated::values).orElse(List.of()));
        }
        return oauth;
    }

    /** The keys of MCP_API_KEYS and MCP_API_KEYS_FILE, read once; the file is watched for changes. */
    public ApiKeys apiKeys() {
        if (keys == null) {
            synchronized (this) {
                if (keys == null) {
                    keys = new ApiKeys(apiKeys.map(CommaSeparated::values).orElse(List.of()),
                            apiKeysFile.map(String::trim).filter(s -> !s.isEmpty()).map(Path::of));
                }
            }
        }
        return keys;
    }

    /** Says once, at start-up, how the endpoints are protected; loudly when they refuse everything. */
    public void logAtStart() {
        AccessPolicy policy = policy();
        if (policy.hasUnknownMcpAuth()) {
            LOG.severe("MCP_AUTH is set to a value this gateway does not understand; only MCP_AUTH=none is. It opens nothing.");
        }
        if (policy.ignoresMcpAuthNone()) {
            LOG.warning("MCP_AUTH=none is ignored: MCP_API_KEYS is set, so callers must present a key.");
        }
        switch (policy.mode()) {
            case API_KEYS -> LOG.info("MCP endpoints: callers must present an API key (MCP_API_KEYS_FILE, MCP_API_KEYS).");
            case OAUTH -> LOG.info("MCP endpoints: callers must present an access token issued by " + oauth().issuer().orElse("")
                    + " for " + oauth().resourceUrl().orElse("") + " (OAuth 2.1 resource server).");
            case OAUTH_AND_API_KEYS -> LOG.info("MCP endpoints: callers must present an access token issued by "
                    + oauth().issuer().orElse("") + ", or an API key (MCP_API_KEYS_FILE, MCP_API_KEYS).");
            case OAUTH_INCOMPLETE -> LOG.severe("MCP endpoints REFUSE every call: OAuth is partly configured. Missing: "
                    + String.join(", ", oauth().missing()) + ".");
            case OPEN_ON_LOOPBACK -> LOG.warning("MCP endpoints: no credentials configured; open because the server listens on "
                    + bindHost + " only. Set MCP_API_KEYS_FILE or MCP_API_KEYS before exposing the gateway beyond this machine.");
            case OPEN_BY_CHOICE -> LOG.warning("MCP endpoints: open to every caller, because MCP_AUTH=none. "
                    + "Only for a private network.");
            case NOT_CONFIGURED -> LOG.severe("MCP endpoints REFUSE every call: the server listens on " + bindHost
                    + ", which other machines can reach, and no credentials are configured. Set MCP_API_KEYS_FILE "
                    + "or MCP_API_KEYS, or MCP_AUTH=none for a private network.");
        }
    }
}
