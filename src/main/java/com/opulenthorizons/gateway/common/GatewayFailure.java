package com.opulenthorizons.gateway.common;

import java.util.Objects;

/**
 * A failure the gateway reports to its caller as an answer, not as a bug: bad input, a missing
 * setting, an outside system that refused or failed, a store that is down. The message is safe to
 * show the caller (it names what failed and what to do, never a secret or a full email or
 * phone); {@link #errorType()} is a stable keyword for audit lines. Each feature's failures
 * extend this type, so that the MCP layer and the webhook receivers need to know no feature's
 * exceptions, only the {@link ErrorKind}.
 */
public abstract class GatewayFailure extends RuntimeException {

    private final ErrorKind kind;
    private final String errorType;

    protected GatewayFailure(ErrorKind kind, String errorType, String message) {
        this(kind, errorType, message, null);
    }

    protected GatewayFailure(ErrorKind kind, String errorType, String message, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.errorType = Objects.requireNonNull(errorType, "errorType");
    }

    public ErrorKind errorKind() {
        return kind;
    }

    /** A stable keyword for audit lines, such as {@code invalid_argument} or {@code zoho_timeout}. */
    public String errorType() {
        return errorType;
    }
}
