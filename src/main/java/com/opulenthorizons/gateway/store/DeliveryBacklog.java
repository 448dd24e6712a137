package com.opulenthorizons.gateway.store;

/** Events still to be delivered, and events that failed for good: cheap to count at any size. */
public record DeliveryBacklog(long pending, long failed) {
}
