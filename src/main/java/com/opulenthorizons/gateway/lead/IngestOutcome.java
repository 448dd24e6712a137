package com.opulenthorizons.gateway.lead;

import java.util.UUID;

/** The ids of a stored lead; {@code created} is false when the ingest was a replay. */
public record IngestOutcome(UUID ingestId, UUID ohid, boolean created) {
}
