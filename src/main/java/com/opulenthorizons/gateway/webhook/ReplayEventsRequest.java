package com.opulenthorizons.gateway.webhook;

import java.util.List;
import java.util.UUID;

import com.opulenthorizons.gateway.common.Description;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The events to replay: by id, or the FAILED ones that match a filter. */
public record ReplayEventsRequest(
        @Description("The events to replay (FAILED or DELIVERED ones), up to 100") @Size(max = 100) List<@NotNull UUID> eventIds,
        @Description("Replay by filter instead: every event in this state (only FAILED) that matches type and time") ReplayableStatus status,
        @Description("With status: only events of this type") @Size(max = 100) String type,
        @Description("With status: only events that occurred at or after this instant, ISO-8601") @Size(max = 40) String occurredFrom,
        @Description("With status: only events that occurred before this instant, ISO-8601") @Size(max = 40) String occurredBefore) {

    public boolean byIds() {
        return eventIds != null && !eventIds.isEmpty();
    }

    @AssertTrue(message = "give either event_ids, or status FAILED with type, occurred_from and occurred_before to narrow it")
    public boolean isIdsOrFilter() {
        boolean filter = status != null;
        boolean narrowing = type != null || occurredFrom != null || occurredBefore != null;
        return byIds() ? !filter && !narrowing : filter;
    }
}
