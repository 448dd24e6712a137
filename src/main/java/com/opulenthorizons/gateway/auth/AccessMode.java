package com.opulenthorizons.gateway.auth;

/** How the MCP endpoints decide who may call them, as readiness and the start-up log report it. */
public enum AccessMode {
    /** Callers present one of the configured API keys. */
    API_KEYS("api_keys"),
    /** Callers present an access token from the configured identity provider (OAuth 2.1). */
    OAUTH("oauth"),
    /** Callers present an access token or one of the configured API keys. */
    OAUTH_AND_API_KEYS("oauth_and_api_keys"),
    /** Some OAuth settings are set but not all: every MCP call is refused until they are. */
    OAUTH_INCOMPLETE("oauth_incomplete"),
    /** No credentials, but the server listens on a loopback address only: a developer's machine. */
    OPEN_ON_LOOPBACK("open_on_loopback"),
    /** No credentials on purpose ({@code MCP_AUTH=none}), for a private network. */
    OPEN_BY_CHOICE("open_by_choice"),
    /** Reachable from other machines and no credentials configured: every MCP call is refused. */
    NOT_CONFIGURED("not_configured");

    private final String wireName;

    AccessMode(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public boolean refusesEveryCall() {
        return this == NOT_CONFIGURED || this == OAUTH_INCOMPLETE;
    }

    public boolean acceptsApiKeys() {
        return this == API_KEYS || this == OAUTH_AND_API_KEYS;
    }

    public boolean acceptsTokens() {
        return this == OAUTH || this == OAUTH_AND_API_KEYS;
    }

    /** Callers must present credentials (as opposed to an endpoint that is open or closed to all). */
    public boolean needsCredentials() {
        return acceptsApiKeys() || acceptsTokens();
    }
}
