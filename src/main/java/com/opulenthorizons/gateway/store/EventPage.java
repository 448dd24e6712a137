package com.opulenthorizons.gateway.store;

import java.util.List;
import java.util.Optional;

/** One page of events, newest first; {@code next} is empty on the last page. */
public record EventPage(List<ListedEvent> events, Optional<EventCursor> next) {

    public EventPage {
        events = List.copyOf(events);
    }

    /** The page of {@code limit + 1} rows: the extra one only says that there is a next page. */
    static EventPage of(List<ListedEvent> rows, int limit) {
        if (rows.size() <= limit) {
            return new EventPage(rows, Optional.empty());
        }
        List<ListedEvent> page = rows.subList(0, limit);
        ListedEvent last = page.get(limit - 1);
        return new EventPage(page, Optional.of(new EventCursor(last.occurredAt(), last.id())));
    }
}
