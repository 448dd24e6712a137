package com.opulenthorizons.gateway.store;

/** How many events wait, were delivered, and failed for good. */
public record DeliveryCounts(long pending, long delivered, long failed) {
}
