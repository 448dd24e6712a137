package com.opulenthorizons.gateway.person;

import java.util.UUID;

import com.opulenthorizons.gateway.common.Description;

/** A merge that happened (now or before). */
public record MergePeopleResult(
        @Description("The OHID that remains") UUID survivingOhid,
        @Description("The absorbed OHID, which now resolves to the survivor") UUID absorbedOhid,
        @Description("When the merge happened, ISO-8601") String mergedAt,
        @Description("false when the two had been merged before: nothing changed") boolean mergedNow) {
}
