package com.opulenthorizons.gateway.webhook;

import java.util.List;

import com.opulenthorizons.gateway.common.Description;

/** One page of workflow events. */
public record ListEventsResult(
        @Description("The events, newest first") List<ListedEventItem> events,
        @Description("Pass as cursor to get the next page; left out on the last page") String nextCursor) {
}
