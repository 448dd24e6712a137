package com.opulenthorizons.gateway.meta.graph;

import java.time.Duration;
import java.util.Optional;

import com.opulenthorizons.gateway.common.ErrorKind;
import com.opulenthorizons.gateway.common.GatewayFailure;

/**
 * An answer of the Graph API other than the lead, classified as Graph means it. The message holds
 * Graph's code, subcode, type, message and fbtrace_id (which Meta support asks for), never the token.
 */
public class GraphException extends GatewayFailure {

    /** What the failure means for the next attempt. */
    public enum Kind {
        /** Throttled (HTTP 429 or codes 4, 17, 32, 613, 80000-80014): try again later, not at once. */
        THROTTLED(true),
        /** Graph failed (5xx, codes 1 and 2, or is_transient): worth a quick retry. */
        TRANSIENT(true),
        /** The token or the app lacks a permission, or the token is invalid: no retry helps until an operator acts. */
        PERMISSION(false),
        /** No such lead, or not visible with this token. */
        NOT_FOUND(false),
        /** Any other refusal. */
        REJECTED(false);

        private final boolean retryable;

        Kind(boolean retryable) {
            this.retryable = retryable;
        }

        public boolean retryable() {
            return retryable;
        }
    }

    private final Kind kind;
    private final int status;
    private final Integer code;
    private final Duration regainAccessIn;

    public GraphException(Kind kind, int status, Integer code, String message) {
        this(kind, status, code, message, null);
    }

    /** @param regainAccessIn when a throttled app may call again, as Graph estimates it; null when it did not say */
    public GraphException(Kind kind, int status, Integer code, String message, Duration regainAccessIn) {
        super(kind.retryable() ? ErrorKind.UPSTREAM_FAULT : ErrorKind.REFUSED, "graph_" + kind.name().toLowerCase(), message);
        this.kind = kind;
        this.status = status;
        this.code = code;
        this.regainAccessIn = regainAccessIn;
    }

    /** Graph's {@code estimated_time_to_regain_access} of a throttled call; empty when it gave none. */
    public Optional<Duration> regainAccessIn() {
        return Optional.ofNullable(regainAccessIn);
    }

    public Kind kind() {
        return kind;
    }

    public int status() {
        return status;
    }

    /** Graph's error code; null when the answer had no error envelope. */
    public Integer code() {
        return code;
    }
}
