package com.opulenthorizons.gateway.store;

import java.time.Instant;
import java.util.List;

/**
 * Which leads {@code search_leads} wants, newest first; every filter is optional (null or empty).
 *
 * @param words each must start a word of the lead's names, location, property type or free text
 *     (letters and digits only)
 * @param hasCallAfterLead whether a call event of the lead's person occurred at or after the lead
 * @param after the cursor of the previous page: only leads older than it
 * @param countLimit the total is counted up to this many matches
 * @param textCandidates a search with words looks at most this many leads per call (the newest that
 *     pass the other filters, after the cursor), and counts among as many from the newest
 */
public record LeadSearch(String sourceSystem, String channel, Instant from, Instant to, List<String> words,
        Boolean hasCallAfterLead, EventCursor after, int limit, int countLimit, int textCandidates) {

    /** SEARCH_TEXT_CANDIDATES as shipped. */
    public static final int DEFAULT_TEXT_CANDIDATES = 1000;

    public LeadSearch {
        words = words == null ? List.of() : List.copyOf(words);
        if (limit < 1 || countLimit < 1 || textCandidates < 1) {
            throw new IllegalArgumentException("limit, countLimit and textCandidates must be 1 or more");
        }
    }

    /** With the shipped bound on text candidates. */
    public LeadSearch(String sourceSystem, String channel, Instant from, Instant to, List<String> words,
            Boolean hasCallAfterLead, EventCursor after, int limit, int countLimit) {
        this(sourceSystem, channel, from, to, words, hasCallAfterLead, after, limit, countLimit, DEFAULT_TEXT_CANDIDATES);
    }
}
