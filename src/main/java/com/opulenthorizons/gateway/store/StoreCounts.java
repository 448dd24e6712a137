package com.opulenthorizons.gateway.store;

/** How many leads and workflow events the store holds. */
public record StoreCounts(long leads, long events) {
}
