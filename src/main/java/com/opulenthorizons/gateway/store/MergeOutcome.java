package com.opulenthorizons.gateway.store;

import java.time.Instant;
import java.util.UUID;

/**
 * @param merged false when the absorbed OHID had been merged into the survivor before (nothing changed)
 */
public record MergeOutcome(UUID survivingOhid, UUID absorbedOhid, Instant mergedAt, boolean merged) {
}
