package com.opulenthorizons.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OAuthSettingsTest {

    private static OAuthSettings settings(String issuer, String keys, List<String> audiences, String resource) {
        return new OAuthSettings(Optional.ofNullable(issuer), Optional.ofNullable(keys), audiences,
                Optional.ofNullable(resource), List.of());
    }

    @Test
    void complete() {
        OAuthSettings s = settings("https://login.example.com/t/v2.0", "https://login.example.com/keys",
                List.of("https://mcp.example.com"), "https://mcp.example.com/");
        assertThat(s.ready()).isTrue();
        assertThat(s.resourceUrl()).contains("https://mcp.example.com");
        assertThat(s.authorizationServers()).containsExactly("https://login.example.com/t/v2.0");
    }

    @Test
    void nothingSetIsNotRequested() {
        assertThat(OAuthSettings.NONE.requested()).isFalse();
        assertThat(settings(" ", null, List.of(), null).requested()).isFalse();
    }

    @Test
    void anIssuerWithoutAudienceIsIncompleteAndSaysWhatIsMissing() {
        OAuthSettings s = settings("https://idp.example.com", "https://idp.example.com/jwks", List.of(), null);
        assertThat(s.requested()).isTrue();
        assertThat(s.ready()).isFalse();
        assertThat(s.missing()).containsExactly("mp.jwt.verify.audiences (MP_JWT_VERIFY_AUDIENCES)", "MCP_RESOURCE_URL");
    }

    @ParameterizedTest
    @ValueSource(strings = { "https://mcp.example.com/mcp", "ftp://mcp.example.com", "https://mcp.example.com?x=1", "not a url" })
    void theResourceMustBeAnOrigin(String resource) {
        OAuthSettings s = settings("https://idp", "https://idp/jwks", List.of("a"), resource);
        assertThat(s.ready()).isFalse();
        assertThat(s.missing()).singleElement().asString().startsWith("MCP_RESOURCE_URL as an origin");
    }
}
