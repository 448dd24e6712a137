package com.opulenthorizons.gateway.store;

/** Whether the store answers; {@code detail} is safe to show (no credentials). */
public record StoreHealth(StoreType type, boolean reachable, String detail) {
}
