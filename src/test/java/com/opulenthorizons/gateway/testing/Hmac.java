package com.opulenthorizons.gateway.testing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 signatures as the webhook senders compute them, in lowercase hex. Written apart
 * from the gateway's own verifier, so that a test does not check the code with itself.
 */
public final class Hmac {

    private Hmac() {
    }

    public static String sha256Hex(String key, String body) {
        return sha256Hex(key, body.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A Standard Webhooks signature value ({@code v1,<base64>}): HMAC-SHA256 of {@code signed}
     * ("id.timestamp.body") under the key of a {@code whsec_<base64 key>} secret.
     */
    public static String standardWebhooksSignature(String whsec, byte[] signed) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(whsec.substring("whsec_".length())), "HmacSHA256"));
            return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(signed));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable in this JVM", e);
        }
    }

    public static String sha256Hex(String key, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable in this JVM", e);
        }
    }
}
