package com.opulenthorizons.gateway.meta;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The inbox of the no-database mode: rows in this JVM's memory, lost at restart like the rest of
 * that mode's data. One lock makes every method atomic.
 */
public class InMemoryMetaLeadInbox implements MetaLeadInbox {

    private static final class Row {
        final LeadgenNotification notification;
        final String correlationId;
        MetaLeadStatus status = MetaLeadStatus.PENDING;
        int attempts;
        int failures;
        Instant retryFrom;
        Instant nextAttempt;
        Instant leaseUntil;
        UUID leaseToken;
        Instant updatedAt;
        String lastError;

        Row(LeadgenNotification notification, String correlationId, Instant now) {
            this.notification = notification;
            this.correlationId = correlationId;
            this.retryFrom = now;
            this.nextAttempt = now;
            this.updatedAt = now;
        }
    }

    private final Map<String, Row> rows = new LinkedHashMap<>();
    private final Clock clock;

    public InMemoryMetaLeadInbox() {
        this(Clock.systemUTC());
    }

    InMemoryMetaLeadInbox(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized boolean receive(LeadgenNotification notification, String correlationId) {
        return rows.putIfAbsent(notification.leadgenId(), new Row(notification, correlationId, clock.instant())) == null;
    }

    @Override
    public synchronized List<InboxLead> claimDue(int max, Duration lease) {
        Instant now = clock.instant();
        UUID token = UUID.randomUUID();
        List<InboxLead> claimed = new ArrayList<>();
        rows.values().stream()
                .filter(r -> r.status == MetaLeadStatus.PENDING && !r.nextAttempt.isAfter(now)
                        && (r.leaseUntil == null || r.leaseUntil.isBefore(now)))
                .sorted(Comparator.comparing(r -> r.nextAttempt))
                .limit(max)
                .forEach(r -> {
                    r.leaseUntil = now.plus(lease);
                    r.leaseToken = token;
                    LeadgenNotification n = r.notification;
                    claimed.add(new InboxLead(n.leadgenId(), n.formId(), n.pageId(), n.adId(), r.attempts, r.retryFrom,
                            r.failures, r.correlationId, token));
                });
        return claimed;
    }

    @Override
    public synchronized boolean markIngested(String leadgenId, UUID leaseToken, UUID ingestId) {
        return settle(leadgenId, leaseToken, MetaLeadStatus.INGESTED, 1, null, null, false);
    }

    @Override
    public synchronized boolean markRetry(String leadgenId, UUID leaseToken, int attempts, Instant nextAttempt, String error) {
        return settle(leadgenId, leaseToken, MetaLeadStatus.PENDING, attempts, nextAttempt, error, false);
    }

    @Override
    public synchronized boolean markFailed(String leadgenId, UUID leaseToken, int attempts, String error) {
        return settle(leadgenId, leaseToken, MetaLeadStatus.FAILED, attempts, null, error, true);
    }

    private boolean settle(String leadgenId, UUID leaseToken, MetaLeadStatus status, int attempts, Instant next, String error,
            boolean failed) {
        Row row = rows.get(leadgenId);
        if (row == null || row.status != MetaLeadStatus.PENDING || !leaseToken.equals(row.leaseToken)) {
            return false;
        }
        row.status = status;
        row.attempts = status == MetaLeadStatus.INGESTED ? row.attempts + attempts : attempts;
        row.lastError = error;
        row.leaseToken = null;
        row.leaseUntil = null;
        row.updatedAt = clock.instant();
        if (next != null) {
            row.nextAttempt = next;
        }
        if (failed) {
            row.failures++;
        }
        return true;
    }

    @Override
    public synchronized int replay(Collection<String> leadgenIds) {
        int replayed = 0;
        for (String id : leadgenIds) {
            Row row = rows.get(id);
            if (row != null && row.status == MetaLeadStatus.FAILED) {
                reset(row);
                replayed++;
            }
        }
        return replayed;
    }

    @Override
    public synchronized int replayAllFailed() {
        return replay(rows.values().stream().filter(r -> r.status == MetaLeadStatus.FAILED)
                .map(r -> r.notification.leadgenId()).toList());
    }

    private void reset(Row row) {
        Instant now = clock.instant();
        row.status = MetaLeadStatus.PENDING;
        row.attempts = 0;
        row.retryFrom = now;
        row.nextAttempt = now;
        row.updatedAt = now;
    }

    @Override
    public synchronized List<FailedMetaLead> failed(int limit) {
        return rows.values().stream()
                .filter(r -> r.status == MetaLeadStatus.FAILED)
                .sorted(Comparator.comparing((Row r) -> r.updatedAt).reversed())
                .limit(limit)
                .map(r -> new FailedMetaLead(r.notification.leadgenId(), r.notification.formId(), r.notification.pageId(),
                        r.attempts, r.lastError, r.updatedAt))
                .toList();
    }

    @Override
    public synchronized InboxCounts counts() {
        long pending = 0;
        long ingested = 0;
        long failed = 0;
        for (Row r : rows.values()) {
            switch (r.status) {
                case PENDING -> pending++;
                case INGESTED -> ingested++;
                case FAILED -> failed++;
            }
        }
        return new InboxCounts(pending, ingested, failed);
    }
}
