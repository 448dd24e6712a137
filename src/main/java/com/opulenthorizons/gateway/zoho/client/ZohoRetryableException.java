package com.opulenthorizons.gateway.zoho.client;

/**
 * A failure of Zoho's API worth trying again after a pause: 429, 5xx or a connection error. The
 * only failures that fault tolerance retries; they and timeouts count against the circuit breaker.
 * Never thrown for the accounts server's token endpoint ({@link ZohoAccountsClient}), whose failures
 * must not be multiplied by retries.
 */
public class ZohoRetryableException extends ZohoException {

    public ZohoRetryableException(Kind kind, int status, String code, String message, String body) {
        super(kind, status, code, message, body);
    }

    public ZohoRetryableException(Kind kind, String message, Throwable cause) {
        super(kind, message, cause);
    }
}
