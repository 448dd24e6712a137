package com.opulenthorizons.gateway.store;

/** Where an event stands with the workflow webhook; stored as {@code delivery_status}. */
public enum DeliveryStatus {
    /** Waiting for its next attempt. */
    PENDING,
    /** Accepted by the webhook (2xx). */
    DELIVERED,
    /** Every attempt failed; {@code last_error} says why. */
    FAILED,
    /** Written before the outbox existed; the original system sent it or not. */
    PRE_OUTBOX
}
