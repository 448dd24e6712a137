package com.opulenthorizons.gateway.meta;

/** Meta leads in the inbox by state: waiting to be fetched, ingested, and failed for good. */
public record InboxCounts(long pending, long ingested, long failed) {
}
