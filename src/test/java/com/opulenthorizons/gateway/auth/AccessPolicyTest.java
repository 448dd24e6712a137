package com.opulenthorizons.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AccessPolicyTest {

    private static final boolean KEYS = true;

    private static AccessPolicy policy(String host, boolean keys, String mcpAuth) {
        return new AccessPolicy(host, keys, Optional.ofNullable(mcpAuth), OAuthSettings.NONE);
    }

    @ParameterizedTest
    @ValueSource(strings = { "localhost", "LOCALHOST", "127.0.0.1", "127.0.0.2", "::1", "[::1]" })
    void withoutCredentialsALoopbackServerIsOpen(String host) {
        assertThat(policy(host, false, null).mode()).isEqualTo(AccessMode.OPEN_ON_LOOPBACK);
    }

    @ParameterizedTest
    @ValueSource(strings = { "*", "0.0.0.0", "::", "10.1.2.3", "" })
    void withoutCredentialsAServerOthersCanReachRefusesEveryCall(String host) {
        AccessPolicy policy = policy(host, false, null);

        assertThat(policy.mode()).isEqualTo(AccessMode.NOT_CONFIGURED);
        assertThat(policy.mode().refusesEveryCall()).isTrue();
    }

    @ParameterizedTest
    @CsvSource({ "*, none", "0.0.0.0, NONE", "10.1.2.3, ' none '" })
    void mcpAuthNoneOpensItOnPurpose(String host, String mcpAuth) {
        assertThat(policy(host, false, mcpAuth).mode()).isEqualTo(AccessMode.OPEN_BY_CHOICE);
    }

    @ParameterizedTest
    @ValueSource(strings = { "*", "localhost" })
    void apiKeysAreRequiredWhereverTheServerListens(String host) {
        assertThat(policy(host, KEYS, null).mode()).isEqualTo(AccessMode.API_KEYS);
    }

    @Test
    void apiKeysWinOverMcpAuthNone() {
        AccessPolicy policy = policy("*", KEYS, "none");

        assertThat(policy.mode()).isEqualTo(AccessMode.API_KEYS);
        assertThat(policy.ignoresMcpAuthNone()).isTrue();
    }

    @Test
    void anUnknownMcpAuthValueOpensNothing() {
        AccessPolicy policy = policy("*", false, "off");

        assertThat(policy.mode()).isEqualTo(AccessMode.NOT_CONFIGURED);
        assertThat(policy.hasUnknownMcpAuth()).isTrue();
    }

    @Test
    void aBlankMcpAuthIsUnset() {
        AccessPolicy policy = policy("localhost", false, "  ");

        assertThat(policy.mode()).isEqualTo(AccessMode.OPEN_ON_LOOPBACK);
        assertThat(policy.hasUnknownMcpAuth()).isFalse();
    }

    private static final OAuthSettings OAUTH = new OAuthSettings(Optional.of("https://idp.example.com"),
            Optional.of("https://idp.example.com/jwks"), java.util.List.of("https://mcp.example.com"),
            Optional.of("https://mcp.example.com"), java.util.List.of());

    @ParameterizedTest
    @CsvSource({ "false, OAUTH", "true, OAUTH_AND_API_KEYS" })
    void completeOAuthSettingsAcceptTokens(boolean keys, AccessMode expected) {
        AccessPolicy policy = new AccessPolicy("*", keys, Optional.of("none"), OAUTH);

        assertThat(policy.mode()).isEqualTo(expected);
        assertThat(policy.mode().acceptsTokens()).isTrue();
        assertThat(policy.ignoresMcpAuthNone()).isTrue();
    }

    @Test
    void halfAnOAuthSetUpRefusesEveryCallEvenWithKeysOrOnLoopback() {
        OAuthSettings half = new OAuthSettings(Optional.of("https://idp.example.com"), Optional.empty(), java.util.List.of(),
                Optional.empty(), java.util.List.of());

        assertThat(new AccessPolicy("localhost", true, Optional.empty(), half).mode()).isEqualTo(AccessMode.OAUTH_INCOMPLETE);
        assertThat(AccessMode.OAUTH_INCOMPLETE.refusesEveryCall()).isTrue();
    }
}
