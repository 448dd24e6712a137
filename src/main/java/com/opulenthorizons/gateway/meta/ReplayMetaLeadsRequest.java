package com.opulenthorizons.gateway.meta;

import java.util.List;

import com.opulenthorizons.gateway.common.Description;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The failed Meta leads to fetch again: by leadgen id, or all of them. */
public record ReplayMetaLeadsRequest(
        @Description("Meta lead ids (leadgen_id) to fetch again, up to 100; leave out to replay every FAILED Meta lead")
        @Size(max = 100) List<@NotBlank @Size(max = 64) String> leadgenIds) {

    public boolean all() {
        return leadgenIds == null || leadgenIds.isEmpty();
    }
}
