package com.opulenthorizons.gateway.store;

import java.util.Collection;
import java.util.UUID;

/**
 * The workflow events as operators and agents see them: listed with their delivery state, and
 * put back in the queue (replayed) when their delivery failed or must be made again.
 */
public interface EventLog {

    /** A page of events matching {@code query}, newest first ({@code occurred_at}, then id). */
    EventPage listEvents(EventQuery query);

    /**
     * Puts these events back in the queue: PENDING, due now, no attempts yet, and a retry window
     * that starts now. Only FAILED and DELIVERED events change: a pending or unknown id changes
     * nothing, so a replay can be repeated. Answers how many events changed.
     */
    int replay(Collection<UUID> eventIds);

    /** Puts the FAILED events that match {@code filter} back in the queue, as {@link #replay(Collection)}. */
    int replay(ReplayFilter filter);
}
