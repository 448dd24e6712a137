package com.opulenthorizons.gateway.lead;

import java.util.UUID;

/** Answer to one ingest; a replay answers with the first ingest's ids. */
public record LeadIngestResult(UUID ohid, UUID ingestId, SourceSystem sourceSystem, String status) {

    public static LeadIngestResult ingested(UUID ohid, UUID ingestId, SourceSystem sourceSystem) {
        return new LeadIngestResult(ohid, ingestId, sourceSystem, "ingested");
    }
}
