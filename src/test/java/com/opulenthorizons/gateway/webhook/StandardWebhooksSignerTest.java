package com.opulenthorizons.gateway.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class StandardWebhooksSignerTest {

    /** The test vector of the Standard Webhooks specification (facts.md). */
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final long TIMESTAMP = 1614265330L;
    private static final byte[] BODY = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);
    private static final String EXPECTED = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    @Test
    void signsTheSpecificationsTestVector() {
        assertThat(StandardWebhooksSigner.of(SECRET).signature(ID, TIMESTAMP, BODY)).isEqualTo(EXPECTED);
    }

    @Test
    void severalSecretsGiveOneSignaturePerSecretSpaceSeparated() {
        String other = "whsec_" + java.util.Base64.getEncoder().encodeToString("another key of 24 bytes!".getBytes(StandardCharsets.UTF_8));
        String header = StandardWebhooksSigner.of(" " + other + " , " + SECRET + " ").signature(ID, TIMESTAMP, BODY);

        String[] signatures = header.split(" ");
        assertThat(signatures).hasSize(2);
        assertThat(signatures[0]).startsWith("v1,").isNotEqualTo(EXPECTED);
        assertThat(signatures[1]).isEqualTo(EXPECTED);
    }

    @Test
    void aSecretWithoutThePrefixIsRefusedWithoutEchoingIt() {
        assertThatThrownBy(() -> StandardWebhooksSigner.of(SECRET + ",MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("WEBHOOK_SIGNING_SECRET (secret 2 of 2)")
                .hasMessageContaining("whsec_<base64 key>")
                .hasMessageNotContaining("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
    }

    @Test
    void aSecretThatIsNotBase64IsRefusedWithoutEchoingIt() {
        assertThatThrownBy(() -> StandardWebhooksSigner.of("whsec_not*base64!secret-value"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("WEBHOOK_SIGNING_SECRET (secret 1 of 1)")
                .hasMessageNotContaining("not*base64")
                .hasMessageNotContaining("*");
    }

    @Test
    void aKeyTooShortToBeSafeIsRefused() {
        assertThatThrownBy(() -> StandardWebhooksSigner.of("whsec_c2hvcnQ="))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("5 bytes");
    }

    @Test
    void aSettingOfOnlyCommasIsRefused() {
        assertThatThrownBy(() -> StandardWebhooksSigner.of(" , "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("holds no secret");
    }

    @Test
    void itsTextNamesNoKey() {
        assertThat(StandardWebhooksSigner.of(SECRET).toString()).doesNotContain("MfKQ").contains("1 keys");
    }
}
