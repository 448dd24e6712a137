package com.opulenthorizons.gateway.auth;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

/**
 * Decides how the MCP endpoints are protected, failing closed: a server that other machines can
 * reach needs credentials, or an explicit {@code MCP_AUTH=none}.
 *
 * @param bindHost the address the HTTP endpoint listens on (Liberty's {@code http.host}; {@code *} is every interface)
 * @param keysConfigured whether callers must present an API key ({@link ApiKeys#configured()})
 * @param mcpAuth the value of {@code MCP_AUTH}, if set
 * @param oauth the OAuth resource-server settings; {@link OAuthSettings#NONE} when tokens are not used
 */
public record AccessPolicy(String bindHost, boolean keysConfigured, Optional<String> mcpAuth, OAuthSettings oauth) {

    /** The only value of {@code MCP_AUTH} understood today. */
    public static final String NONE = "none";

    public AccessPolicy {
        mcpAuth = mcpAuth.map(String::trim).filter(s -> !s.isEmpty());
    }

    public AccessMode mode() {
        if (oauth.requested()) {
            // Half an OAuth set-up accepts nothing, rather than falling back to weaker checks.
            if (!oauth.ready()) {
                return AccessMode.OAUTH_INCOMPLETE;
            }
            return keysConfigured ? AccessMode.OAUTH_AND_API_KEYS : AccessMode.OAUTH;
        }
        if (keysConfigured) {
            return AccessMode.API_KEYS;
        }
        if (openByChoice()) {
            return AccessMode.OPEN_BY_CHOICE;
        }
        return isLoopback(bindHost) ? AccessMode.OPEN_ON_LOOPBACK : AccessMode.NOT_CONFIGURED;
    }

    /** {@code MCP_AUTH} is set to something other than {@code none}: not understood, so it opens nothing. */
    public boolean hasUnknownMcpAuth() {
        return mcpAuth.isPresent() && !openByChoice();
    }

    /** {@code MCP_AUTH=none} was set, but API keys or OAuth are configured too: the credentials win. */
    public boolean ignoresMcpAuthNone() {
        return openByChoice() && (keysConfigured || oauth.requested());
    }

    private boolean openByChoice() {
        return mcpAuth.map(v -> v.toLowerCase(Locale.ROOT).equals(NONE)).orElse(false);
    }

    /**
     * Whether only this machine can reach an endpoint bound to {@code host}: {@code localhost}, or
     * an address or name that is a loopback address. {@code *}, {@code 0.0.0.0} and every other
     * address are reachable from outside; so is a name that cannot be resolved, to fail closed.
     */
    public static boolean isLoopback(String host) {
        String h = host == null ? "" : host.trim();
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (h.isEmpty() || h.equals("*")) {
            return false;
        }
        if (h.equalsIgnoreCase("localhost")) {
            return true;
        }
        try {
            return InetAddress.getByName(h).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
