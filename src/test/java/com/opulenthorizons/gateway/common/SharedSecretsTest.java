package com.opulenthorizons.gateway.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

class SharedSecretsTest {

    private static List<String> text(List<byte[]> secrets) {
        return secrets.stream().map(b -> new String(b, StandardCharsets.UTF_8)).toList();
    }

    @Test
    void aSettingHoldsSeveralCommaSeparatedSecretsTrimmedWithoutBlanks() {
        assertThat(text(SharedSecrets.parse(" new-secret , old-secret,, "))).containsExactly("new-secret", "old-secret");
        assertThat(SharedSecrets.parse(" , ")).isEmpty();
        assertThat(SharedSecrets.parse(null)).isEmpty();
    }

    @Test
    void theBearerTokenIsReadWhateverTheSchemesCase() {
        assertThat(SharedSecrets.bearerToken("Bearer  key-1 ")).contains("key-1");
        assertThat(SharedSecrets.bearerToken("bearer key-1")).contains("key-1");
        assertThat(SharedSecrets.bearerToken("Basic a2V5")).isEmpty();
        assertThat(SharedSecrets.bearerToken("Bearer")).isEmpty();
        assertThat(SharedSecrets.bearerToken(null)).isEmpty();
    }

    @Test
    void aPresentedValueMatchesWhenItIsAnyOfTheSecrets() {
        List<byte[]> secrets = SharedSecrets.parse("new-secret,old-secret");
        assertThat(SharedSecrets.matchesAny("old-secret", secrets)).isTrue();
        assertThat(SharedSecrets.matchesAny("new-secret", secrets)).isTrue();
        assertThat(SharedSecrets.matchesAny("old-secre", secrets)).isFalse();
        assertThat(SharedSecrets.matchesAny("", secrets)).isFalse();
        assertThat(SharedSecrets.matchesAny("anything", List.of())).isFalse();
    }
}
