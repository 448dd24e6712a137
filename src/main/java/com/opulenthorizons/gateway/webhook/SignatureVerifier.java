package com.opulenthorizons.gateway.webhook;

import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.opulenthorizons.gateway.common.InvalidArgumentException;
import com.opulenthorizons.gateway.common.SharedSecrets;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Checks HMAC-SHA256 webhook signatures over raw body bytes, in constant time, against every
 * configured secret of the source.
 */
@ApplicationScoped
public class SignatureVerifier {

    private static final String HMAC = "HmacSHA256";
    private static final String SHA256_PREFIX = "sha256=";

    private WebhookSecrets secrets;

    protected SignatureVerifier() {
        // for CDI proxies
    }

    @Inject
    public SignatureVerifier(WebhookSecrets secrets) {
        this.secrets = secrets;
    }

    public SignatureCheckResult check(SignatureCheckRequest request) {
        WebhookSource source = request.sourceOrDefault();
        byte[] body = decodeHex("body_hex", request.bodyHex());
        return new SignatureCheckResult(verify(source, body, request.signature()));
    }

    /**
     * Whether {@code signature} (lower- or upper-case hex; for Notion and Meta optionally prefixed
     * {@code sha256=}) is the HMAC-SHA256 of {@code body} under one of the source's secrets.
     *
     * @throws InvalidArgumentException when the signature is not hex
     * @throws WebhookNotConfiguredException when the source has no secret configured
     */
    public boolean verify(WebhookSource source, byte[] body, String signature) {
        List<byte[]> keys = secrets.secretsOf(source);
        if (keys.isEmpty()) {
            throw new WebhookNotConfiguredException(source.secretKey() + " is not set, so " + source.wireName()
                    + " signatures cannot be checked");
        }
        String hex = signature.trim();
        if (source != WebhookSource.CLOUDTALK && hex.regionMatches(true, 0, SHA256_PREFIX, 0, SHA256_PREFIX.length())) {
            hex = hex.substring(SHA256_PREFIX.length());
        }
        byte[] presented = decodeHex("signature", hex);
        return SharedSecrets.matchesAny(presented, keys.stream().map(key -> hmac(key, body)).toList());
    }

    /** HMAC-SHA256 of {@code body} keyed by {@code key}. */
    public static byte[] hmac(byte[] key, byte[] body) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable in this JVM", e);
        }
    }

    private static byte[] decodeHex(String field, String hex) {
        String trimmed = hex.trim();
        if (trimmed.length() % 2 != 0) {
            throw new InvalidArgumentException(field, "must be hexadecimal with an even number of digits");
        }
        try {
            return HexFormat.of().parseHex(trimmed);
        } catch (IllegalArgumentException e) {
            throw new InvalidArgumentException(field, "must contain only hexadecimal digits 0-9 and a-f");
        }
    }
}
