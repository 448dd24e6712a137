package com.opulenthorizons.gateway.store;

import java.util.UUID;

/** The id of an appended event; {@code created} is false when its dedup key was already stored. */
public record AppendOutcome(UUID eventId, boolean created) {
}
