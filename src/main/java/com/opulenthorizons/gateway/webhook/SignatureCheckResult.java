package com.opulenthorizons.gateway.webhook;

import com.opulenthorizons.gateway.common.Description;

/** {@code {valid}} */
public record SignatureCheckResult(@Description("Whether the signature matches") boolean valid) {
}
