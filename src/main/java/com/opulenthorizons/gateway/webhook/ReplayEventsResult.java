package com.opulenthorizons.gateway.webhook;

import com.opulenthorizons.gateway.common.Description;

/** How many events a replay put back in the queue. */
public record ReplayEventsResult(
        @Description("Events put back in the queue; events already pending, and unknown ids, are not counted") int replayed) {
}
