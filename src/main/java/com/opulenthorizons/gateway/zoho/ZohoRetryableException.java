package com.opulenthorizons.gateway.zoho;

/**
 * A Zoho failure worth trying again after a pause: 429, 5xx or a connection error. The only
 * failures that fault tolerance retries and that count against the circuit breaker.
 */
public class ZohoRetryableException extends ZohoException {

    public ZohoRetryableException(Kind kind, int status, String code, String message, String body) {
        super(kind, status, code, message, body);
    }

    public ZohoRetryableException(Kind kind, String message, Throwable cause) {
        super(kind, message, cause);
    }
}
