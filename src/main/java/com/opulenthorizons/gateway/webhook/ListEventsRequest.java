package com.opulenthorizons.gateway.webhook;

import java.util.UUID;

import com.opulenthorizons.gateway.common.Description;
import com.opulenthorizons.gateway.store.DeliveryStatus;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

/** Which workflow events to list, newest first; every filter is optional. */
public record ListEventsRequest(
        @Description("Only events in this delivery state") DeliveryStatus status,
        @Description("Only events of this type, e.g. LeadIngested or CallCompleted") @Size(max = 100) String type,
        @Description("Only the events of this person") UUID ohid,
        @Description("Only events that occurred at or after this instant, ISO-8601 (2026-01-31T00:00:00Z)") @Size(max = 40) String occurredFrom,
        @Description("Only events that occurred before this instant, ISO-8601") @Size(max = 40) String occurredBefore,
        @Description("The next_cursor of the previous page; leave out for the first page") @Size(max = 200) String cursor,
        @Description("Events per page, 1 to 100; 20 when left out") @Min(1) @Max(100) Integer limit) {

    public static final int DEFAULT_LIMIT = 20;

    public int limitOrDefault() {
        return limit == null ? DEFAULT_LIMIT : limit;
    }
}
