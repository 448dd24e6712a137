package com.opulenthorizons.gateway.person;

import java.util.List;

import com.opulenthorizons.gateway.common.Description;

/** One page of matching leads. */
public record SearchLeadsResult(
        @Description("The leads, newest first") List<LeadView> leads,
        @Description("Pass as cursor to get the next page; left out on the last page") String nextCursor,
        @Description("How many leads match in all (counted up to SEARCH_COUNT_LIMIT)") long total,
        @Description("false when the count stopped at SEARCH_COUNT_LIMIT: at least total leads match") boolean totalExact) {
}
