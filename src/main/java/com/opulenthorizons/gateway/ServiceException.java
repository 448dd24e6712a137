package com.opulenthorizons.gateway;

/**
 * A failure a service reports to its caller as an answer, not as a bug: an upstream system was
 * unreachable, refused the work, or is not configured. The message is for the caller (it names
 * what failed and what to do) and never carries secrets; the error type is a stable keyword for
 * audit lines. The MCP layer turns it into an {@code isError: true} tool result without a stack trace.
 */
public class ServiceException extends RuntimeException {

    private final String errorType;

    public ServiceException(String errorType, String message) {
        super(message);
        this.errorType = errorType;
    }

    public ServiceException(String errorType, String message, Throwable cause) {
        super(message, cause);
        this.errorType = errorType;
    }

    public String errorType() {
        return errorType;
    }
}
