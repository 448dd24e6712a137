package com.opulenthorizons.gateway.webhook;

/** {@code {valid}} */
public record SignatureCheckResult(boolean valid) {
}
