package com.opulenthorizons.gateway.common;

/**
 * What kind of failure a caller is told about, and so how the gateway reports and logs it. The
 * MCP adapter and the webhook receivers decide on this alone, never on a feature's exception type.
 */
public enum ErrorKind {
    /** The caller's input broke a rule; the message names the field and the rule. Not logged. */
    INVALID_ARGUMENT,
    /** A setting the operation needs is missing; the message names it. Not logged. */
    NOT_CONFIGURED,
    /** What the caller asked for does not exist. Not logged. */
    NOT_FOUND,
    /**
     * An outside system answered and said no (rejected, rate limited, busy), or a bound of the
     * gateway's own did (every search slot taken). Not logged.
     */
    REFUSED,
    /** An outside system failed rather than answered (unreachable, 5xx, timeout): logged with its causes. */
    UPSTREAM_FAULT,
    /**
     * The gateway's own store failed; nothing was written. Logged with its stack trace, and the
     * message carries the correlation id so that an operator can find it.
     */
    STORE_UNAVAILABLE
}
