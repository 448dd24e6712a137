package com.opulenthorizons.gateway;

/**
 * A caller supplied a value that breaks a rule the services enforce (beyond what Bean Validation
 * on the request records can express). Carries the field name as the caller spelled it, so that
 * the MCP layer and the webhook receivers can report "field: rule" without a stack trace.
 */
public class InvalidArgumentException extends RuntimeException {

    private final String field;

    public InvalidArgumentException(String field, String rule) {
        this(field, field + ": " + rule, true);
    }

    private InvalidArgumentException(String field, String message, boolean formatted) {
        super(message);
        this.field = field;
    }

    /**
     * Several broken rules at once.
     *
     * @param firstField the first field named, for callers that want one
     * @param message every "field: rule" pair, joined
     */
    public static InvalidArgumentException several(String firstField, String message) {
        return new InvalidArgumentException(firstField, message, true);
    }

    public String field() {
        return field;
    }
}
