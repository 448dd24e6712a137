package com.opulenthorizons.gateway.meta;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/** What every {@link MetaLeadInbox} does; run against memory and a real PostgreSQL. */
abstract class MetaLeadInboxContract {

    protected abstract MetaLeadInbox inbox();

    private static LeadgenNotification notification(String id) {
        return new LeadgenNotification(id, "form-1", "page-1", "ad-1", 1764584130L, Map.of("leadgen_id", id));
    }

    private static String id() {
        return "lg" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    @Test
    void aRepeatedNotificationIsStoredOnce() {
        String id = id();
        assertThat(inbox().receive(notification(id), "c-1")).isTrue();
        assertThat(inbox().receive(notification(id), "c-2")).isFalse();
        List<InboxLead> claimed = inbox().claimDue(100, Duration.ofMinutes(1));
        assertThat(claimed).filteredOn(l -> l.leadgenId().equals(id)).singleElement()
                .satisfies(l -> {
                    assertThat(l.correlationId()).isEqualTo("c-1");
                    assertThat(l.attempts()).isZero();
                    assertThat(l.formId()).isEqualTo("form-1");
                });
    }

    @Test
    void aClaimedLeadIsNotClaimedAgainWhileLeased() {
        String id = id();
        inbox().receive(notification(id), "c");
        assertThat(inbox().claimDue(100, Duration.ofMinutes(1))).extracting(InboxLead::leadgenId).contains(id);
        assertThat(inbox().claimDue(100, Duration.ofMinutes(1))).extracting(InboxLead::leadgenId).doesNotContain(id);
    }

    @Test
    void onlyTheLeaseHolderSettlesAndIngestedLeadsAreCounted() {
        String id = id();
        inbox().receive(notification(id), "c");
        InboxLead lead = claim(id);
        InboxCounts before = inbox().counts();
        assertThat(inbox().markIngested(id, UUID.randomUUID(), UUID.randomUUID())).isFalse();
        assertThat(inbox().markIngested(id, lead.leaseToken(), UUID.randomUUID())).isTrue();
        assertThat(inbox().markIngested(id, lead.leaseToken(), UUID.randomUUID())).isFalse();
        InboxCounts after = inbox().counts();
        assertThat(after.ingested()).isEqualTo(before.ingested() + 1);
        assertThat(after.pending()).isEqualTo(before.pending() - 1);
    }

    @Test
    void aRetriedLeadWaitsForItsNextAttempt() {
        String id = id();
        inbox().receive(notification(id), "c");
        InboxLead lead = claim(id);
        assertThat(inbox().markRetry(id, lead.leaseToken(), 1, Instant.now().plusSeconds(3600), "throttled")).isTrue();
        assertThat(inbox().claimDue(100, Duration.ofMinutes(1))).extracting(InboxLead::leadgenId).doesNotContain(id);
        inbox().receive(notification(id), "c");
        String due = id();
        inbox().receive(notification(due), "c");
        InboxLead again = claim(due);
        assertThat(inbox().markRetry(due, again.leaseToken(), 1, Instant.now().minusSeconds(1), "5xx")).isTrue();
        assertThat(claim(due).attempts()).isEqualTo(1);
    }

    @Test
    void aFailedLeadIsListedWithItsErrorAndReplayedDueNowWithNoAttempts() {
        String id = id();
        inbox().receive(notification(id), "c");
        InboxLead lead = claim(id);
        assertThat(inbox().markFailed(id, lead.leaseToken(), 3, "Graph API refused the page access token")).isTrue();
        assertThat(inbox().failed(100)).filteredOn(f -> f.leadgenId().equals(id)).singleElement()
                .satisfies(f -> {
                    assertThat(f.attempts()).isEqualTo(3);
                    assertThat(f.lastError()).contains("page access token");
                    assertThat(f.formId()).isEqualTo("form-1");
                });
        assertThat(inbox().claimDue(100, Duration.ofMinutes(1))).extracting(InboxLead::leadgenId).doesNotContain(id);

        assertThat(inbox().replay(List.of(id, "unknown-id"))).isEqualTo(1);
        assertThat(inbox().replay(List.of(id))).as("already pending").isZero();
        InboxLead replayed = claim(id);
        assertThat(replayed.attempts()).isZero();
        assertThat(replayed.failures()).isEqualTo(1);
        assertThat(inbox().failed(100)).extracting(FailedMetaLead::leadgenId).doesNotContain(id);
    }

    @Test
    void replayAllPutsBackEveryFailedLead() {
        String a = id();
        String b = id();
        for (String id : List.of(a, b)) {
            inbox().receive(notification(id), "c");
            inbox().markFailed(id, claim(id).leaseToken(), 1, "permission");
        }
        assertThat(inbox().replayAllFailed()).isGreaterThanOrEqualTo(2);
        assertThat(inbox().counts().failed()).isZero();
    }

    private InboxLead claim(String id) {
        return inbox().claimDue(1000, Duration.ofMinutes(1)).stream().filter(l -> l.leadgenId().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError(id + " was not due"));
    }
}
