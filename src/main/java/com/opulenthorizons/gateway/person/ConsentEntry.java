package com.opulenthorizons.gateway.person;

import java.util.UUID;

import com.opulenthorizons.gateway.common.Description;
import com.opulenthorizons.gateway.store.ConsentState;

/** One entry of a person's consent history. */
public record ConsentEntry(
        @Description("GRANTED, WITHDRAWN, or NOT_GIVEN (a lead without consent)") ConsentState state,
        @Description("Where it was captured or who said so") String source,
        @Description("When, ISO-8601") String at,
        @Description("The lead it came with, for an ingest's entry") UUID ingestId,
        @Description("Who recorded it, for a record_consent entry") String recordedBy) {
}
