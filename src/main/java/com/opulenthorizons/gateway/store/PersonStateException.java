package com.opulenthorizons.gateway.store;

import com.opulenthorizons.gateway.common.ErrorKind;
import com.opulenthorizons.gateway.common.GatewayFailure;

/** A person-level change that the person's state does not allow: unknown, forgotten, or merged away. */
public class PersonStateException extends GatewayFailure {

    private PersonStateException(ErrorKind kind, String errorType, String message) {
        super(kind, errorType, message);
    }

    public static PersonStateException unknown(Object ohid) {
        return new PersonStateException(ErrorKind.NOT_FOUND, "person_not_found", "ohid: no person has the OHID " + ohid);
    }

    /** No person has the email or phone the caller gave (which is not repeated here). */
    public static PersonStateException noneWith(String field) {
        return new PersonStateException(ErrorKind.NOT_FOUND, "person_not_found", field + ": no person has this " + field);
    }

    public static PersonStateException forgotten(Object ohid) {
        return new PersonStateException(ErrorKind.INVALID_ARGUMENT, "person_forgotten",
                "ohid: the person " + ohid + " was forgotten; only their tombstone remains");
    }

    public static PersonStateException refused(String message) {
        return new PersonStateException(ErrorKind.INVALID_ARGUMENT, "invalid_argument", message);
    }

    /** An erasure that waited too long for a delivery of the person's events in flight; nothing was changed. */
    public static PersonStateException deliveryInFlight(Object ohid) {
        return new PersonStateException(ErrorKind.REFUSED, "delivery_in_flight", "ohid: a delivery of " + ohid
                + "'s workflow events is still in flight, and they must not go out unredacted; nothing was erased: try again "
                + "in a minute");
    }
}
