package com.opulenthorizons.gateway.meta;

import java.time.Instant;

import com.opulenthorizons.gateway.common.Description;

/** A Meta lead whose fetch failed for good, as status and tools show it. */
public record FailedMetaLead(
        @Description("Meta's lead id") String leadgenId,
        @Description("The lead form") String formId,
        @Description("The page") String pageId,
        @Description("Fetch attempts made") int attempts,
        @Description("Why the last attempt failed") String lastError,
        @Description("When it was last attempted, ISO-8601") Instant failedAt) {
}
