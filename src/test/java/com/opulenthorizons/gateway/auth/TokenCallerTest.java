package com.opulenthorizons.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import jakarta.json.JsonString;

class TokenCallerTest {

    /** A JSON string as a JSON-P provider hands claims over (none is on the unit tests' class path). */
    private static JsonString jsonString(String value) {
        return new JsonString() {
            @Override
            public String getString() {
                return value;
            }

            @Override
            public CharSequence getChars() {
                return value;
            }

            @Override
            public ValueType getValueType() {
                return ValueType.STRING;
            }
        };
    }

    @Test
    void scopesAreReadInTheSpellingsProvidersUse() {
        assertThat(TokenCaller.parse("leads:read")).contains(Scope.LEADS_READ);
        assertThat(TokenCaller.parse("leads.write")).contains(Scope.LEADS_WRITE);
        assertThat(TokenCaller.parse("api://mcp-gateway/zoho.read")).contains(Scope.ZOHO_READ);
        assertThat(TokenCaller.parse("openid")).isEmpty();
        assertThat(TokenCaller.parse("leads:erase")).isEmpty();
    }

    @Test
    void scopeClaimsMayBeAStringAJsonStringOrAnArray() {
        assertThat(TokenCaller.scopeNames("leads:read  zoho:write ")).containsExactly("leads:read", "zoho:write");
        assertThat(TokenCaller.scopeNames(jsonString("leads.read"))).containsExactly("leads.read");
        assertThat(TokenCaller.scopeNames(List.of("x y"))).containsExactly("x", "y");
        assertThat(TokenCaller.scopeNames(null)).isEmpty();
    }
}
