package com.opulenthorizons.gateway.common;

/**
 * A caller supplied a value that breaks a rule the services enforce. The message reads
 * "field: rule" with the field named as the caller spelled it, so that the MCP layer and the
 * webhook receivers can report it as it is, without a stack trace.
 */
public class InvalidArgumentException extends GatewayFailure {

    public InvalidArgumentException(String field, String rule) {
        super(ErrorKind.INVALID_ARGUMENT, "invalid_argument", field + ": " + rule);
    }

    private InvalidArgumentException(String message) {
        super(ErrorKind.INVALID_ARGUMENT, "invalid_argument", message);
    }

    /** Several broken rules at once: {@code message} joins every "field: rule" pair. */
    public static InvalidArgumentException several(String message) {
        return new InvalidArgumentException(message);
    }
}
