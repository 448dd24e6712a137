package com.opulenthorizons.gateway.store;

import java.util.List;
import java.util.Optional;

/**
 * One page of a lead search, newest first.
 *
 * @param total how many leads match, counted up to the search's count limit
 * @param totalExact false when the count stopped at the limit (there are at least {@code total})
 */
public record LeadPage(List<StoredLead> leads, Optional<EventCursor> next, long total, boolean totalExact) {

    public LeadPage {
        leads = List.copyOf(leads);
    }

    /** The page of {@code limit + 1} rows: the extra one only says that there is a next page. */
    static LeadPage of(List<StoredLead> rows, int limit, long matches, int countLimit) {
        boolean more = rows.size() > limit;
        List<StoredLead> page = more ? rows.subList(0, limit) : rows;
        Optional<EventCursor> next = more
                ? Optional.of(new EventCursor(page.get(limit - 1).createdAt(), page.get(limit - 1).id()))
                : Optional.empty();
        return new LeadPage(page, next, Math.min(matches, countLimit), matches <= countLimit);
    }
}
