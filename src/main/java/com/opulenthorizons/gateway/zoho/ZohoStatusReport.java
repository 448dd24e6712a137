package com.opulenthorizons.gateway.zoho;

import java.util.List;

/**
 * What status://zoho-sync and the Zoho readiness check report: never a token or secret, only
 * when the token expires. {@code circuit_state} is the circuit breaker as last observed by a call.
 */
public record ZohoStatusReport(
        String authMode,
        boolean configured,
        String apiBase,
        List<String> directions,
        String tokenExpiresAt,
        String circuitState,
        int maxConcurrency) {
}
