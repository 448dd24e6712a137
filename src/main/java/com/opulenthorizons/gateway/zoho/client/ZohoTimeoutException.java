package com.opulenthorizons.gateway.zoho.client;

/**
 * Zoho's API did not answer within the REST client's read timeout. Not retried (a slow Zoho is
 * not helped by more load), but, like MicroProfile Fault Tolerance's own
 * {@code TimeoutException}, it counts against the circuit breaker.
 */
public class ZohoTimeoutException extends ZohoException {

    public ZohoTimeoutException(String message, Throwable cause) {
        super(Kind.TIMEOUT, message, cause);
    }
}
