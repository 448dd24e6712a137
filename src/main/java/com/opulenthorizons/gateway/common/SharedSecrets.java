package com.opulenthorizons.gateway.common;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;

/**
 * Shared secrets (webhook secrets, MCP API keys) as callers present them and as the gateway
 * checks them. A setting may hold several comma-separated secrets, so that a new one can be
 * rolled out before the old one is retired; a presented value is compared with every one of
 * them in constant time, so that timing tells neither how much of it matched nor which secret.
 */
public final class SharedSecrets {

    private static final String BEARER = "Bearer ";

    private SharedSecrets() {
    }

    /** The secrets of a comma-separated setting, trimmed, blanks left out; none for null. */
    public static List<byte[]> parse(String commaSeparated) {
        return CommaSeparated.values(commaSeparated).stream().map(s -> s.getBytes(StandardCharsets.UTF_8)).toList();
    }

    /** The token of an {@code Authorization: Bearer <token>} value, trimmed; empty for another scheme or none. */
    public static Optional<String> bearerToken(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.empty();
        }
        return Optional.of(authorization.substring(BEARER.length()).trim());
    }

    /** Whether {@code presented} is one of {@code candidates}, every candidate compared in constant time. */
    public static boolean matchesAny(byte[] presented, List<byte[]> candidates) {
        boolean match = false;
        for (byte[] candidate : candidates) {
            // No early exit: every candidate is compared, so timing does not tell which one matched.
            match |= MessageDigest.isEqual(candidate, presented);
        }
        return match;
    }

    /** As {@link #matchesAny(byte[], List)}, for a value presented as text (UTF-8). */
    public static boolean matchesAny(String presented, List<byte[]> candidates) {
        return matchesAny(presented.getBytes(StandardCharsets.UTF_8), candidates);
    }
}
