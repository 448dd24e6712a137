package com.opulenthorizons.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class BearerChallengeTest {

    private static final Optional<String> METADATA = Optional.of("https://mcp.example.com/.well-known/oauth-protected-resource");

    @Test
    void noCredentialsPointsAtTheMetadataAndNamesTheScopes() {
        assertThat(new BearerChallenge(METADATA, List.of(Scope.LEADS_READ, Scope.LEADS_WRITE), Optional.empty()).header())
                .isEqualTo("Bearer realm=\"mcp-gateway\", resource_metadata=\"https://mcp.example.com/.well-known/"
                        + "oauth-protected-resource\", scope=\"leads:read leads:write\"");
    }

    @Test
    void aMissingScopeIsInsufficientScopeWithTheScopeNeeded() {
        assertThat(new BearerChallenge(METADATA, List.of(Scope.ZOHO_WRITE), Optional.of(BearerChallenge.INSUFFICIENT_SCOPE)).header())
                .startsWith("Bearer realm=\"mcp-gateway\", error=\"insufficient_scope\", resource_metadata=")
                .endsWith(", scope=\"zoho:write\"");
    }

    @Test
    void withApiKeysOnlyThereIsNoMetadata() {
        assertThat(new BearerChallenge(Optional.empty(), List.of(), Optional.empty()).header()).isEqualTo("Bearer realm=\"mcp-gateway\"");
    }
}
