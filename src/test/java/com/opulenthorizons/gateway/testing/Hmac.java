package com.opulenthorizons.gateway.testing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
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
