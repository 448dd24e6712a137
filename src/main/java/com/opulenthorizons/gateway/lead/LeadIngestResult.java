package com.opulenthorizons.gateway.lead;

import java.util.UUID;

import com.opulenthorizons.gateway.common.Description;

import jakarta.validation.constraints.NotNull;

/** Answer to one ingest; a replay answers with the first ingest's ids. */
public record LeadIngestResult(
        @Description("The person's stable id") @NotNull UUID ohid,
        @Description("The stored lead's id") @NotNull UUID ingestId,
        @Description("Echo of the source system") @NotNull SourceSystem sourceSystem,
        @Description("Always ingested") @NotNull Status status) {

    /** Spelled as on the wire. */
    public enum Status {
        ingested
    }

    public static LeadIngestResult ingested(UUID ohid, UUID ingestId, SourceSystem sourceSystem) {
        return new LeadIngestResult(ohid, ingestId, sourceSystem, Status.ingested);
    }
}
