package com.opulenthorizons.gateway.auth;

/** What {@link RequestAuthenticator} decided about one request. */
public sealed interface Authentication {

    /** The request may go on, as this caller. */
    record Admitted(Caller caller) implements Authentication {
    }

    /**
     * The request is refused: the HTTP status, the {@code WWW-Authenticate} value and a message
     * that is safe to show (it never repeats the credentials).
     */
    record Refused(int status, String challenge, String message) implements Authentication {
    }
}
