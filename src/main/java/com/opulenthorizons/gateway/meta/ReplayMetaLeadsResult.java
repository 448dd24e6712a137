package com.opulenthorizons.gateway.meta;

import com.opulenthorizons.gateway.common.Description;

/** How many failed Meta leads a replay put back in the fetch queue. */
public record ReplayMetaLeadsResult(
        @Description("Leads put back in the fetch queue; leads not FAILED, and unknown ids, are not counted") int replayed) {
}
