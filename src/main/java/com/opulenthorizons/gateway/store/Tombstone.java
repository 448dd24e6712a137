package com.opulenthorizons.gateway.store;

import java.time.Instant;
import java.util.UUID;

/** What is left of a forgotten person: that the erasure happened, when, by whom and why. */
public record Tombstone(UUID ohid, Instant forgottenAt, String forgottenBy, String reason) {
}
