package com.opulenthorizons.gateway.store;

import java.time.Instant;
import java.util.UUID;

/**
 * An entry of a person's consent history that {@code record_consent} wrote (an ingest's entries
 * are read from its lead).
 *
 * @param recordedBy who recorded it: the caller's name
 */
public record RecordedConsent(UUID ohid, ConsentState state, String source, Instant recordedAt, String recordedBy) {
}
