package com.opulenthorizons.gateway.common;

import java.util.Optional;

/**
 * The bound on request bodies that the gateway reads whole (MCP messages, signed webhooks), checked
 * before a byte is read: a POST that declares more than the limit gets 413, and one that declares
 * no length (a chunked body) gets 411, rather than an unbounded stream being read. Each endpoint
 * writes the refusal in its own format.
 */
public record RequestBodyLimit(long maxBytes) {

    /** The HTTP status and the message of a refused request. */
    public record Refusal(int status, String message) {
    }

    static final int LENGTH_REQUIRED = 411;
    static final int CONTENT_TOO_LARGE = 413;

    /**
     * @param declaredLength the request's Content-Length, or -1 when it declares none
     * @return why the request is refused, or empty when it may be read
     */
    public Optional<Refusal> check(String method, long declaredLength) {
        if (!"POST".equals(method)) {
            return Optional.empty();
        }
        if (declaredLength > maxBytes) {
            return Optional.of(new Refusal(CONTENT_TOO_LARGE,
                    "Request body of " + declaredLength + " bytes exceeds the limit of " + maxBytes + " bytes"));
        }
        if (declaredLength < 0) {
            return Optional.of(new Refusal(LENGTH_REQUIRED, "POST bodies must declare a Content-Length"));
        }
        return Optional.empty();
    }
}
