package com.opulenthorizons.gateway.person;

import java.util.UUID;

import com.opulenthorizons.gateway.common.Description;
import com.opulenthorizons.gateway.store.ConsentState;

/** The entry record_consent added, which is now the person's current consent. */
public record RecordConsentResult(
        @Description("The OHID it was recorded under (the survivor, for an absorbed OHID)") UUID ohid,
        @Description("The person's consent now") ConsentState state,
        @Description("When it was recorded, ISO-8601") String recordedAt) {
}
