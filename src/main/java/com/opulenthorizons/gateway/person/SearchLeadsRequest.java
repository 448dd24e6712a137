package com.opulenthorizons.gateway.person;

import com.opulenthorizons.gateway.common.Description;
import com.opulenthorizons.gateway.lead.Channel;
import com.opulenthorizons.gateway.lead.SourceSystem;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

/** Which leads to find, newest first; every filter is optional and they all apply together. */
public record SearchLeadsRequest(
        @Description("Only leads from this system") SourceSystem sourceSystem,
        @Description("Only leads that came this way") Channel channel,
        @Description("Only leads stored at or after this instant, ISO-8601 (2026-01-31T00:00:00Z)") @Size(max = 40) String createdFrom,
        @Description("Only leads stored before this instant, ISO-8601") @Size(max = 40) String createdBefore,
        @Description("Words that must each start a word of the lead's names, location, property type or free text") @Size(max = 200) String text,
        @Description("true: a call with the person was recorded at or after the lead; false: none was") Boolean hasCallAfterLead,
        @Description("The next_cursor of the previous page; leave out for the first page") @Size(max = 200) String cursor,
        @Description("Leads per page, 1 to 100; 20 when left out") @Min(1) @Max(100) Integer limit) {

    public static final int DEFAULT_LIMIT = 20;

    public int limitOrDefault() {
        return limit == null ? DEFAULT_LIMIT : limit;
    }
}
