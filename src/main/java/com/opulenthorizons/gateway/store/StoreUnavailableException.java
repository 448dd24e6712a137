package com.opulenthorizons.gateway.store;

/** The store could not be reached or refused the work; nothing was written. */
public class StoreUnavailableException extends RuntimeException {

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
