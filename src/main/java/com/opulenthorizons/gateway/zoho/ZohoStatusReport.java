package com.opulenthorizons.gateway.zoho;

import java.util.List;

/**
 * What status://zoho-sync and the Zoho readiness check report: never a token or secret, only
 * when the token expires.
 * <p>
 * MicroProfile Fault Tolerance offers no query of a circuit breaker's state, so the report says
 * only what the last Zoho call of this replica observed, and when: {@code closed} (the call went
 * through the breaker and did not count as a failure), {@code open} (the breaker refused the call),
 * {@code unknown} (the call failed in a way that counts toward opening the breaker, so this very
 * failure may have opened it), or {@code not_observed} before the first call. It may have changed
 * since (an open breaker half-opens after its delay).
 */
public record ZohoStatusReport(
        String authMode,
        boolean configured,
        String apiBase,
        List<String> directions,
        String tokenExpiresAt,
        String lastObservedCircuitState,
        String circuitStateObservedAt,
        int maxConcurrency) {
}
