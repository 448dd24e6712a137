package com.opulenthorizons.gateway.meta;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * Where Meta's lead notifications wait until their lead is fetched and ingested: stored before
 * the webhook is answered, so that a notification Meta was told is received is never lost. Claims
 * are leases, as in the workflow outbox: a claimed row is invisible to other claimers (other
 * replicas too) until its lease ends, and only an update that presents the claim's token changes it.
 * Every method is one transaction.
 */
public interface MetaLeadInbox {

    /** Stores the notification, due now; answers false when its leadgen id is already stored (Meta repeats itself). */
    boolean receive(LeadgenNotification notification, String correlationId);

    /** Up to {@code max} pending rows whose next attempt is due, leased for {@code lease} under one new token. */
    List<InboxLead> claimDue(int max, Duration lease);

    boolean markIngested(String leadgenId, UUID leaseToken, UUID ingestId);

    /** A failed attempt, to be tried again at {@code nextAttempt}. */
    boolean markRetry(String leadgenId, UUID leaseToken, int attempts, Instant nextAttempt, String error);

    /** The last failed attempt: the row stays FAILED, with its error, until replayed. */
    boolean markFailed(String leadgenId, UUID leaseToken, int attempts, String error);

    /** Puts these FAILED rows back, due now, with no attempts and a fresh retry window; answers how many. */
    int replay(Collection<String> leadgenIds);

    /** As {@link #replay(Collection)}, for every FAILED row. */
    int replayAllFailed();

    /** The FAILED rows, newest failure first, at most {@code limit}. */
    List<FailedMetaLead> failed(int limit);

    InboxCounts counts();
}
