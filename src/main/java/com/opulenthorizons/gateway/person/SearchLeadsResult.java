package com.opulenthorizons.gateway.person;

import java.util.List;

import com.opulenthorizons.gateway.common.Description;

/** One page of matching leads. */
public record SearchLeadsResult(
        @Description("The leads, newest first") List<LeadView> leads,
        @Description("Pass as cursor to get the next page; left out on the last page") String nextCursor,
        @Description("How many leads match, counted up to SEARCH_COUNT_LIMIT; with text, among the newest "
                + "SEARCH_TEXT_CANDIDATES leads that pass the other filters") long total,
        @Description("false when total is a lower bound (at least total leads match): the count stopped at "
                + "SEARCH_COUNT_LIMIT, or a text search's at SEARCH_TEXT_CANDIDATES leads") boolean totalExact,
        @Description("true when a text search stopped after looking at SEARCH_TEXT_CANDIDATES leads before the page "
                + "was full: a short page is not the end; follow next_cursor, or narrow the search") boolean scanBounded) {
}
