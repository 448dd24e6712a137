package com.opulenthorizons.gateway.store;

/** Where a person's marketing consent stands after an entry of their consent history. */
public enum ConsentState {
    /** They agreed to marketing. */
    GRANTED,
    /** They took it back; wins over every older grant. */
    WITHDRAWN,
    /** A lead came in without it (the box was not ticked): no marketing, but nothing was withdrawn. */
    NOT_GIVEN
}
