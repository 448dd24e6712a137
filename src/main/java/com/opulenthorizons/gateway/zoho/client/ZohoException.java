package com.opulenthorizons.gateway.zoho.client;

import com.opulenthorizons.gateway.common.ErrorKind;
import com.opulenthorizons.gateway.common.GatewayFailure;

/** Zoho CRM answered something other than success, or could not be reached. Never carries a token. */
public class ZohoException extends GatewayFailure {

    /** What went wrong, as Zoho's answer or the transport shows it. */
    public enum Kind {
        /** 204 No Content: no such record. */
        NOT_FOUND("zoho_not_found"),
        /** 401 INVALID_TOKEN (expired or revoked access token). */
        INVALID_TOKEN("zoho_invalid_token"),
        /** 429 TOO_MANY_REQUESTS. Retried. */
        RATE_LIMITED("zoho_rate_limited"),
        /** 5xx. Retried, except from the accounts server's token endpoint (see {@link ZohoAccountsClient}). */
        SERVER_ERROR("zoho_server_error"),
        /** No connection, or the connection broke. Retried, except from the accounts server's token endpoint. */
        UNREACHABLE("zoho_unreachable"),
        /** Any other 4xx: Zoho refused the request as it stands (validation, permissions). Never retried. */
        REJECTED("zoho_rejected"),
        /** Zoho did not answer within the timeout. */
        TIMEOUT("zoho_timeout"),
        /** The circuit breaker is open after repeated failures: Zoho is not called for a while. */
        CIRCUIT_OPEN("zoho_circuit_open"),
        /** Too many concurrent Zoho calls from this replica (the bulkhead is full). */
        BUSY("zoho_busy"),
        /** The OAuth token could not be obtained or was refused again after a refresh. */
        AUTH_FAILED("zoho_auth_failed"),
        /** No Zoho credentials are configured. */
        NOT_CONFIGURED("not_configured");

        private final String errorType;

        Kind(String errorType) {
            this.errorType = errorType;
        }

        public String errorType() {
            return errorType;
        }

        /** 429, 5xx and connection errors: worth another try after a pause. */
        public boolean isRetryable() {
            return this == RATE_LIMITED || this == SERVER_ERROR || this == UNREACHABLE;
        }

        /** Zoho failed rather than answered (unreachable, 5xx, timeout): worth a warning in the server log. */
        public boolean isUpstreamFault() {
            return this == SERVER_ERROR || this == UNREACHABLE || this == TIMEOUT;
        }

        ErrorKind errorKind() {
            if (isUpstreamFault()) {
                return ErrorKind.UPSTREAM_FAULT;
            }
            return switch (this) {
                case NOT_CONFIGURED -> ErrorKind.NOT_CONFIGURED;
                case NOT_FOUND -> ErrorKind.NOT_FOUND;
                default -> ErrorKind.REFUSED;
            };
        }
    }

    private final Kind kind;
    private final int status;
    private final String code;
    private final String body;

    public ZohoException(Kind kind, int status, String code, String message, String body) {
        super(kind.errorKind(), kind.errorType(), message);
        this.kind = kind;
        this.status = status;
        this.code = code;
        this.body = body;
    }

    public ZohoException(Kind kind, String message, Throwable cause) {
        super(kind.errorKind(), kind.errorType(), message, cause);
        this.kind = kind;
        this.status = 0;
        this.code = null;
        this.body = null;
    }

    private ZohoException(ZohoException cause, String message) {
        super(cause.kind.errorKind(), cause.kind.errorType(), message, cause);
        this.kind = cause.kind;
        this.status = cause.status;
        this.code = cause.code;
        this.body = null;
    }

    /**
     * A new, non-retryable exception of the same kind, status and code as {@code cause}, for one
     * caller of a failure that several callers share (a failed token refresh): each gets its own
     * stack trace, and none of them is retried.
     */
    public static ZohoException sharing(ZohoException cause, String message) {
        return new ZohoException(cause, message);
    }

    public static ZohoException of(Kind kind, String message) {
        return kind.isRetryable() ? new ZohoRetryableException(kind, 0, null, message, null)
                : new ZohoException(kind, 0, null, message, null);
    }

    public Kind kind() {
        return kind;
    }

    /** The HTTP status Zoho answered, or 0 when there was no answer. */
    public int status() {
        return status;
    }

    /** Zoho's error code ({@code INVALID_TOKEN}, {@code INVALID_DATA}, ...), when it gave one. */
    public String code() {
        return code;
    }

    /** Zoho's answer body, when there was one (it holds record data, never tokens). */
    public String body() {
        return body;
    }
}
