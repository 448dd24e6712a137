package com.opulenthorizons.gateway.mcp;

import java.util.List;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.opulenthorizons.gateway.common.CommaSeparated;
import com.opulenthorizons.gateway.common.LargeBodyGate;

import io.modelcontextprotocol.server.transport.DefaultServerTransportSecurityValidator;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** HTTP-level settings of the MCP endpoints: DNS-rebinding checks, request size, the legacy SSE transport. */
@ApplicationScoped
public class McpHttpConfig {

    @Inject
    @ConfigProperty(name = "MCP_ALLOWED_ORIGINS")
    String allowedOrigins;

    @Inject
    @ConfigProperty(name = "MCP_ALLOWED_HOSTS")
    String allowedHosts;

    @Inject
    @ConfigProperty(name = "MCP_MAX_REQUEST_BYTES")
    int maxRequestBytes;

    @Inject
    @ConfigProperty(name = "MCP_LEGACY_SSE_ENABLED")
    boolean legacySseEnabled;

    /** Whether each server is also served over the deprecated HTTP+SSE transport ({@code {path}/sse}). */
    public boolean legacySseEnabled() {
        return legacySseEnabled;
    }

    @Inject
    @ConfigProperty(name = "MCP_LARGE_REQUEST_BYTES")
    long largeRequestBytes;

    @Inject
    @ConfigProperty(name = "MCP_LARGE_REQUESTS_IN_FLIGHT")
    int largeRequestsInFlight;

    /** One gate for every MCP server of this replica: the memory they share is the replica's. */
    public LargeBodyGate largeBodyGate() {
        return new LargeBodyGate(largeRequestBytes, largeRequestsInFlight);
    }

    public int maxRequestBytes() {
        return maxRequestBytes;
    }

    /**
     * Origins and Hosts from the allow-lists ({@code host:*} allows any port). A request whose
     * Origin is present and not allowed gets 403; one whose Host is not allowed gets 421.
     * {@code MCP_ALLOWED_HOSTS=*} turns the Host check off, for deployments behind a proxy that
     * rewrites Host; the Origin check stays.
     */
    public DefaultServerTransportSecurityValidator securityValidator() {
        List<String> hosts = CommaSeparated.values(allowedHosts);
        return DefaultServerTransportSecurityValidator.builder()
                .allowedOrigins(CommaSeparated.values(allowedOrigins))
                .allowedHosts(hosts.contains("*") ? List.of() : hosts)
                .build();
    }
}
