package com.opulenthorizons.gateway.meta;

import java.time.Instant;
import java.util.UUID;

/**
 * A claimed inbox row: a lead to fetch under a lease.
 *
 * @param attempts fetch attempts so far (before this one)
 * @param retryFrom when the row's retry window began: its arrival, or its last replay
 * @param failures how many times it was FAILED for good before (replays of it)
 * @param correlationId the correlation id of the notification that brought it
 */
public record InboxLead(String leadgenId, String formId, String pageId, String adId, int attempts, Instant retryFrom,
        int failures, String correlationId, UUID leaseToken) {
}
