package com.opulenthorizons.gateway.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.opulenthorizons.gateway.common.InvalidArgumentException;
import com.opulenthorizons.gateway.testing.Hmac;

class SignatureVerifierTest {

    /** RFC 4231, test case 2. */
    private static final String KEY = "Jefe";
    private static final String BODY_HEX = HexFormat.of().formatHex("what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII));
    private static final String MAC = "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843";

    private static SignatureVerifier verifier(Map<String, String> config) {
        return new SignatureVerifier(new WebhookSecrets(key -> Optional.ofNullable(config.get(key))));
    }

    private final SignatureVerifier both = verifier(Map.of("CLOUDTALK_WEBHOOK_SECRET", KEY, "NOTION_WEBHOOK_SECRET", KEY));

    @Test
    void theRfc4231VectorIsValid() {
        assertThat(both.check(new SignatureCheckRequest(BODY_HEX, MAC, "cloudtalk")).valid()).isTrue();
    }

    @Test
    void cloudTalkIsTheDefaultSource() {
        SignatureVerifier cloudTalkOnly = verifier(Map.of("CLOUDTALK_WEBHOOK_SECRET", KEY));
        assertThat(cloudTalkOnly.check(new SignatureCheckRequest(BODY_HEX, MAC, null)).valid()).isTrue();
    }

    @Test
    void upperCaseHexIsAccepted() {
        assertThat(both.check(new SignatureCheckRequest(BODY_HEX.toUpperCase(), MAC.toUpperCase(), "cloudtalk")).valid()).isTrue();
    }

    @Test
    void notionAcceptsTheSha256Prefix() {
        assertThat(both.check(new SignatureCheckRequest(BODY_HEX, "sha256=" + MAC, "notion")).valid()).isTrue();
        assertThat(both.check(new SignatureCheckRequest(BODY_HEX, MAC, "notion")).valid()).isTrue();
    }

    @Test
    void aChangedBodyOrSignatureIsInvalid() {
        String otherBody = HexFormat.of().formatHex("what do ya want for nothing!".getBytes(StandardCharsets.US_ASCII));
        assertThat(both.check(new SignatureCheckRequest(otherBody, MAC, "cloudtalk")).valid()).isFalse();
        String flipped = MAC.substring(0, MAC.length() - 1) + "4";
        assertThat(both.check(new SignatureCheckRequest(BODY_HEX, flipped, "cloudtalk")).valid()).isFalse();
        assertThat(both.check(new SignatureCheckRequest(BODY_HEX, MAC.substring(0, 32), "cloudtalk")).valid()).isFalse();
    }

    @Test
    void anyOfSeveralRotatingSecretsIsAccepted() {
        SignatureVerifier rotating = verifier(Map.of("CLOUDTALK_WEBHOOK_SECRET", "new-secret, " + KEY));
        assertThat(rotating.check(new SignatureCheckRequest(BODY_HEX, MAC, "cloudtalk")).valid()).isTrue();
        String newMac = Hmac.sha256Hex("new-secret", HexFormat.of().parseHex(BODY_HEX));
        assertThat(rotating.check(new SignatureCheckRequest(BODY_HEX, newMac, "cloudtalk")).valid()).isTrue();
    }

    @Test
    void badBodyHexIsAnErrorNamingTheField() {
        assertThatThrownBy(() -> both.check(new SignatureCheckRequest("zz", MAC, "cloudtalk")))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("body_hex: must contain only hexadecimal digits 0-9 and a-f");
        assertThatThrownBy(() -> both.check(new SignatureCheckRequest("abc", MAC, "cloudtalk")))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("body_hex: must be hexadecimal with an even number of digits");
    }

    @Test
    void badSignatureHexIsAnErrorNamingTheField() {
        assertThatThrownBy(() -> both.check(new SignatureCheckRequest(BODY_HEX, "not-hex!", "cloudtalk")))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageStartingWith("signature: ");
    }

    @Test
    void anUnknownSourceIsAnError() {
        assertThatThrownBy(() -> both.check(new SignatureCheckRequest(BODY_HEX, MAC, "stripe")))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("source: must be one of cloudtalk, notion");
    }

    @Test
    void anUnsetSecretIsAnErrorNamingTheSettingAndNotAValidFalse() {
        SignatureVerifier none = verifier(Map.of());
        assertThatThrownBy(() -> none.check(new SignatureCheckRequest(BODY_HEX, MAC, "notion")))
                .isInstanceOf(WebhookNotConfiguredException.class)
                .hasMessageContaining("NOTION_WEBHOOK_SECRET is not set");
    }
}
