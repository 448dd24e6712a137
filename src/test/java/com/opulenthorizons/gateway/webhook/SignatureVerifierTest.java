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
        assertThat(both.check(new SignatureCheckRequest(BODY_HEX, MAC, WebhookSource.CLOUDTALK)).valid()).isTrue();
    }

    @Test
    void cloudTalkIsTheDefaultSource() {
        SignatureVerifier cloudTalkOnly = verifier(Map.of("CLOUDTALK_WEBHOOK_SECRET", KEY));
        assertThat(cloudTalkOnly.check(new SignatureCheckRequest(BODY_HEX, MAC, null)).valid()).isTrue();
    }

    @Test
    void upperCaseHexIsAccepted() {
        assertThat(both.check(new SignatureCheckRequest(BODY_HEX.toUpperCase(), MAC.toUpperCase(), WebhookSource.CLOUDTALK)).valid()).isTrue();
    }

    @Test
    void notionAcceptsTheSha256Prefix() {
        assertThat(both.check(new SignatureCheckRequest(BODY_HEX, "sha256=" + MAC, WebhookSource.NOTION)).valid()).isTrue();
        assertThat(both.check(new SignatureCheckRequest(BODY_HEX, MAC, WebhookSource.NOTION)).valid()).isTrue();
    }

    @Test
    void aChangedBodyOrSignatureIsInvalid() {
        String otherBody = HexFormat.of().formatHex("what do ya want for nothing!".getBytes(StandardCharsets.US_ASCII));
        assertThat(both.check(new SignatureCheckRequest(otherBody, MAC, WebhookSource.CLOUDTALK)).valid()).isFalse();
        String flipped = MAC.substring(0, MAC.length() - 1) + "4";
        assertThat(both.check(new SignatureCheckRequest(BODY_HEX, flipped, WebhookSource.CLOUDTALK)).valid()).isFalse();
        assertThat(both.check(new SignatureCheckRequest(BODY_HEX, MAC.substring(0, 32), WebhookSource.CLOUDTALK)).valid()).isFalse();
    }

    @Test
    void anyOfSeveralRotatingSecretsIsAccepted() {
        SignatureVerifier rotating = verifier(Map.of("CLOUDTALK_WEBHOOK_SECRET", "new-secret, " + KEY));
        assertThat(rotating.check(new SignatureCheckRequest(BODY_HEX, MAC, WebhookSource.CLOUDTALK)).valid()).isTrue();
        String newMac = Hmac.sha256Hex("new-secret", HexFormat.of().parseHex(BODY_HEX));
        assertThat(rotating.check(new SignatureCheckRequest(BODY_HEX, newMac, WebhookSource.CLOUDTALK)).valid()).isTrue();
    }

    @Test
    void badBodyHexIsAnErrorNamingTheField() {
        assertThatThrownBy(() -> both.check(new SignatureCheckRequest("zz", MAC, WebhookSource.CLOUDTALK)))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("body_hex: must contain only hexadecimal digits 0-9 and a-f");
        assertThatThrownBy(() -> both.check(new SignatureCheckRequest("abc", MAC, WebhookSource.CLOUDTALK)))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("body_hex: must be hexadecimal with an even number of digits");
    }

    @Test
    void badSignatureHexIsAnErrorNamingTheField() {
        assertThatThrownBy(() -> both.check(new SignatureCheckRequest(BODY_HEX, "not-hex!", WebhookSource.CLOUDTALK)))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageStartingWith("signature: ");
    }

    @Test
    void anUnsetSecretIsAnErrorNamingTheSettingAndNotAValidFalse() {
        SignatureVerifier none = verifier(Map.of());
        assertThatThrownBy(() -> none.check(new SignatureCheckRequest(BODY_HEX, MAC, WebhookSource.NOTION)))
                .isInstanceOf(WebhookNotConfiguredException.class)
                .hasMessageContaining("NOTION_WEBHOOK_SECRET is not set");
    }
}
