package com.opulenthorizons.gateway.store;

/**
 * @param tombstone what is kept of the person
 * @param erased false when the person had been forgotten before (nothing changed)
 */
public record ForgetOutcome(Tombstone tombstone, boolean erased) {
}
