package com.opulenthorizons.gateway.store;

import java.util.List;
import java.util.Optional;

/**
 * One page of a lead search, newest first.
 *
 * @param total how many leads match, counted up to the search's count limit (for a text search,
 *     among its candidate bound of leads from the newest)
 * @param totalExact false when {@code total} is a lower bound: the count stopped at a limit
 * @param scanBounded true when a text search stopped at its candidate bound before the page was
 *     full: {@code next} goes on from the last lead it looked at, and a short page is not the end
 */
public record LeadPage(List<StoredLead> leads, Optional<EventCursor> next, long total, boolean totalExact,
        boolean scanBounded) {

    public LeadPage {
        leads = List.copyOf(leads);
    }

    /** The page of {@code limit + 1} rows: the extra one only says that there is a next page. */
    static LeadPage of(List<StoredLead> rows, int limit, long matches, int countLimit) {
        return bounded(rows, limit, matches, true, countLimit, null);
    }

    /**
     * A page of a search that looked at a bounded number of candidates.
     *
     * @param matchesComplete whether {@code matches} counted every lead that could match (false: a lower bound)
     * @param lastCandidate the last lead looked at when the bound stopped the search, or null when the
     *     candidates ran out first
     */
    static LeadPage bounded(List<StoredLead> rows, int limit, long matches, boolean matchesComplete, int countLimit,
            EventCursor lastCandidate) {
        boolean more = rows.size() > limit;
        List<StoredLead> page = more ? rows.subList(0, limit) : rows;
        Optional<EventCursor> next = more
                ? Optional.of(new EventCursor(page.get(limit - 1).createdAt(), page.get(limit - 1).id()))
                : Optional.ofNullable(lastCandidate);
        return new LeadPage(page, next, Math.min(matches, countLimit), matchesComplete && matches <= countLimit,
                !more && lastCandidate != null);
    }
}
