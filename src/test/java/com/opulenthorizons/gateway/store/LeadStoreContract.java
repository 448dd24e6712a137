package com.opulenthorizons.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.opulenthorizons.gateway.Concurrently;
import com.opulenthorizons.gateway.lead.IngestOutcome;
import com.opulenthorizons.gateway.lead.NewLead;
import com.opulenthorizons.gateway.testing.ValidLead;

/**
 * What every {@link LeadStore} must do. Each implementation's test extends this class and
 * supplies a fresh store.
 */
public abstract class LeadStoreContract {

    protected abstract LeadStore store();

    protected static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    static NewLead lead(String sourceLeadId, String email, String phone) {
        return ValidLead.web(sourceLeadId).email(email).phone(phone).newLead();
    }

    protected IngestOutcome ingest(NewLead lead) {
        return store().ingest(lead);
    }

    @Test
    void ingestStoresTheLeadAndItsLeadIngestedEvent() {
        StoreCounts before = store().counts();
        String email = unique("ann") + "@example.com";
        NewLead lead = lead(unique("src"), email, null);

        IngestOutcome outcome = ingest(lead);

        assertThat(outcome.created()).isTrue();
        assertThat(outcome.ingestId()).isEqualTo(lead.ingestId());
        StoredLead stored = store().findLead(outcome.ingestId()).orElseThrow();
        assertThat(stored.ohid()).isEqualTo(outcome.ohid());
        assertThat(stored.sourceSystem()).isEqualTo("WEB");
        assertThat(stored.channel()).isEqualTo("WEB_FORM");
        assertThat(stored.payload()).containsKey("person");
        assertThat(stored.consent()).containsEntry("marketing_consent", true);
        // LeadIngested only: a new person's first consent travels in it, not as a ConsentChanged of its own
        assertThat(store().counts()).isEqualTo(new StoreCounts(before.leads() + 1, before.events() + 1));
        assertThat(store().lookup().byEmail(email)).contains(outcome.ohid());
    }

    @Test
    void aReplayAnswersWithTheFirstIdsAndWritesNothing() {
        String sourceLeadId = unique("src");
        IngestOutcome first = ingest(lead(sourceLeadId, unique("a") + "@example.com", null));
        StoreCounts after = store().counts();

        IngestOutcome replay = ingest(lead(sourceLeadId, unique("b") + "@example.com", null));

        assertThat(replay.created()).isFalse();
        assertThat(replay.ingestId()).isEqualTo(first.ingestId());
        assertThat(replay.ohid()).isEqualTo(first.ohid());
        assertThat(store().counts()).isEqualTo(after);
    }

    @Test
    void leadsWithTheSameEmailOrPhoneShareAnOhid() {
        String email = unique("ann") + "@example.com";
        String phone = ValidLead.newMobile();
        IngestOutcome first = ingest(lead(unique("src"), email, phone));
        IngestOutcome sameEmail = ingest(lead(unique("src"), email, null));
        IngestOutcome samePhone = ingest(lead(unique("src"), null, phone));
        IngestOutcome stranger = ingest(lead(unique("src"), unique("bob") + "@example.com", null));

        assertThat(sameEmail.ohid()).isEqualTo(first.ohid());
        assertThat(samePhone.ohid()).isEqualTo(first.ohid());
        assertThat(stranger.ohid()).isNotEqualTo(first.ohid());
    }

    @Test
    void theEmailWinsOverThePhoneAndAPhoneFollowsItsNewestLead() {
        String email = unique("ann") + "@example.com";
        String phone = "+4420" + (10_000_000 + (int) (Math.random() * 89_999_999));
        UUID byEmail = ingest(lead(unique("src"), email, null)).ohid();
        UUID byPhone = ingest(lead(unique("src"), null, phone)).ohid();
        assertThat(byPhone).isNotEqualTo(byEmail);

        // email and phone point at different people: the email's person gets the lead
        assertThat(ingest(lead(unique("src"), email, phone)).ohid()).isEqualTo(byEmail);
        // that lead is now the phone's newest, so the phone alone finds the email's person
        assertThat(ingest(lead(unique("src"), null, phone)).ohid()).isEqualTo(byEmail);
        assertThat(store().lookup().byPhone(phone)).contains(byEmail);
    }

    @Test
    void concurrentFirstIngestsOfOneNewEmailGetOneOhid() throws Exception {
        String email = unique("race") + "@example.com";
        Set<UUID> ohids = concurrently(32, () -> ingest(lead(unique("src"), email, null)).ohid());
        assertThat(ohids).hasSize(1);
    }

    @Test
    void concurrentReplaysOfOneSourceLeadStoreItOnce() throws Exception {
        String sourceLeadId = unique("src");
        StoreCounts before = store().counts();
        Set<UUID> ingestIds = concurrently(16,
                () -> ingest(lead(sourceLeadId, unique("x") + "@example.com", null)).ingestId());
        assertThat(ingestIds).hasSize(1);
        assertThat(store().counts()).isEqualTo(new StoreCounts(before.leads() + 1, before.events() + 1));
    }

    protected static NewWorkflowEvent event(String dedupKey) {
        return new NewWorkflowEvent(UUID.randomUUID(), null, WorkflowEventType.CallCompleted.name(), Map.of("call_id", "c1"),
                "CLOUDTALK", dedupKey, "corr-1");
    }

    @Test
    void appendedEventsCanBeReadBackAsPending() {
        NewWorkflowEvent appended = event(null);
        assertThat(store().append(appended)).isEqualTo(new AppendOutcome(appended.id(), true));
        StoredEvent event = store().findEvent(appended.id()).orElseThrow();
        assertThat(event.ohid()).isNull();
        assertThat(event.eventType()).isEqualTo("CallCompleted");
        assertThat(event.payload()).containsEntry("call_id", "c1");
        assertThat(event.sourceSystem()).isEqualTo("CLOUDTALK");
        assertThat(event.occurredAt()).isNotNull();
        assertThat(event.correlationId()).isEqualTo("corr-1");
        assertThat(event.deliveryStatus()).isEqualTo(DeliveryStatus.PENDING);
        assertThat(event.deliveryAttempts()).isZero();
    }

    @Test
    void anEventWithAKnownDedupKeyIsStoredOnce() {
        String key = unique("cloudtalk:call");
        NewWorkflowEvent first = event(key);
        store().append(first);
        StoreCounts counts = store().counts();
        assertThat(store().append(event(key))).isEqualTo(new AppendOutcome(first.id(), false));
        assertThat(store().counts()).isEqualTo(counts);
    }

    @Test
    void theLeadIngestedEventCarriesTheOhidAndCorrelationId() {
        NewLead lead = lead(unique("src"), unique("ev") + "@example.com", null);
        IngestOutcome outcome = ingest(lead);
        List<OutboxEvent> due = drainDue();
        OutboxEvent ingested = due.stream().filter(e -> lead.ingestId().toString().equals(e.payload().get("ingest_id")))
                .findFirst().orElseThrow();
        assertThat(ingested.eventType()).isEqualTo("LeadIngested");
        assertThat(ingested.ohid()).isEqualTo(outcome.ohid());
        assertThat(ingested.correlationId()).isEqualTo(lead.correlationId());
        assertThat(ingested.attempts()).isZero();
    }

    /** Claims every due event (leasing them for a minute). */
    protected List<OutboxEvent> drainDue() {
        List<OutboxEvent> all = new ArrayList<>();
        List<OutboxEvent> batch;
        do {
            batch = store().claimDue(500, Duration.ofMinutes(1));
            all.addAll(batch);
        } while (!batch.isEmpty());
        return all;
    }

    /** Claims every due event and answers the claim of {@code eventId}. */
    protected OutboxEvent claim(UUID eventId) {
        return drainDue().stream().filter(e -> e.id().equals(eventId)).findFirst().orElseThrow();
    }

    @Test
    void aClaimedEventIsNotClaimedAgainUntilItsRetryIsDue() {
        drainDue();
        NewWorkflowEvent appended = event(null);
        store().append(appended);
        List<OutboxEvent> claimed = drainDue();
        assertThat(claimed).extracting(OutboxEvent::id).containsExactly(appended.id());
        assertThat(drainDue()).isEmpty();

        assertThat(store().markRetry(appended.id(), claimed.get(0).leaseToken(), 1, Instant.now().plusSeconds(3600), "HTTP 503"))
                .isTrue();
        assertThat(drainDue()).isEmpty();
        StoredEvent retrying = store().findEvent(appended.id()).orElseThrow();
        assertThat(retrying.deliveryStatus()).isEqualTo(DeliveryStatus.PENDING);
        assertThat(retrying.deliveryAttempts()).isEqualTo(1);
        assertThat(retrying.lastError()).isEqualTo("HTTP 503");

        // Only the claim holds the lease: a retry recorded without a new claim changes nothing.
        assertThat(store().markRetry(appended.id(), claimed.get(0).leaseToken(), 2, Instant.now().minusSeconds(1), "HTTP 502"))
                .isFalse();
        assertThat(drainDue()).isEmpty();
    }

    @Test
    void aRetryIsClaimedOnceItIsDue() {
        drainDue();
        NewWorkflowEvent appended = event(null);
        store().append(appended);
        OutboxEvent first = claim(appended.id());
        store().markRetry(appended.id(), first.leaseToken(), 1, Instant.now().minusSeconds(1), "HTTP 502");
        OutboxEvent second = claim(appended.id());
        assertThat(second.attempts()).isEqualTo(1);
        assertThat(second.leaseToken()).isNotNull().isNotEqualTo(first.leaseToken());
    }

    @Test
    void hurriedRetriesAreDueNowWhileLeasedOnesAreLeftToTheirHolder() {
        drainDue();
        NewWorkflowEvent waiting = event(null);
        NewWorkflowEvent leased = event(null);
        store().append(waiting);
        OutboxEvent first = claim(waiting.id());
        store().markRetry(waiting.id(), first.leaseToken(), 3, Instant.now().plusSeconds(7200), "HTTP 503");
        store().append(leased);
        OutboxEvent held = claim(leased.id());
        assertThat(drainDue()).isEmpty();

        // (the PostgreSQL store's table is shared with other tests, which may leave retries waiting too)
        assertThat(store().hurryRetries()).isPositive();

        OutboxEvent again = claim(waiting.id());
        assertThat(again.attempts()).as("hurrying spends no attempt").isEqualTo(3);
        assertThat(store().markDelivered(held.leaseToken(), List.of(leased.id())))
                .as("the leased event was left to its holder").containsExactly(leased.id());
    }

    @Test
    void deliveredAndFailedEventsLeaveTheQueueAndAreCounted() {
        drainDue();
        DeliveryCounts before = store().deliveryCounts();
        NewWorkflowEvent delivered = event(null);
        NewWorkflowEvent failed = event(null);
        store().append(delivered);
        store().append(failed);
        assertThat(store().deliveryCounts().pending()).isEqualTo(before.pending() + 2);
        List<OutboxEvent> claimed = drainDue();
        assertThat(claimed).extracting(OutboxEvent::leaseToken).doesNotContainNull().containsOnly(claimed.get(0).leaseToken());

        assertThat(store().markDelivered(claimed.get(0).leaseToken(), List.of(delivered.id()))).containsExactly(delivered.id());
        assertThat(store().markFailed(failed.id(), claimed.get(0).leaseToken(), 10, "ConnectException: Connection refused"))
                .isTrue();

        assertThat(store().findEvent(delivered.id()).orElseThrow().deliveryStatus()).isEqualTo(DeliveryStatus.DELIVERED);
        StoredEvent gaveUp = store().findEvent(failed.id()).orElseThrow();
        assertThat(gaveUp.deliveryStatus()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(gaveUp.deliveryAttempts()).isEqualTo(10);
        assertThat(gaveUp.lastError()).isEqualTo("ConnectException: Connection refused");
        assertThat(store().deliveryCounts()).isEqualTo(
                new DeliveryCounts(before.pending(), before.delivered() + 1, before.failed() + 1));
        assertThat(drainDue()).isEmpty();
    }

    @Test
    void aLateRetryOrFailureDoesNotUndoADelivery() {
        drainDue();
        NewWorkflowEvent appended = event(null);
        store().append(appended);
        OutboxEvent claimed = claim(appended.id());
        store().markDelivered(claimed.leaseToken(), List.of(appended.id()));
        // A claimer whose lease ran out reports its own attempt afterwards.
        assertThat(store().markRetry(appended.id(), claimed.leaseToken(), 2, Instant.now(), "HTTP 504")).isFalse();
        assertThat(store().markFailed(appended.id(), claimed.leaseToken(), 2, "HTTP 504")).isFalse();
        StoredEvent event = store().findEvent(appended.id()).orElseThrow();
        assertThat(event.deliveryStatus()).isEqualTo(DeliveryStatus.DELIVERED);
        assertThat(event.lastError()).isNull();
        assertThat(store().deliveryBacklog().failed()).isEqualTo(store().deliveryCounts().failed());
    }

    @Test
    void aSenderWhoseLeaseRanOutAndWasReclaimedChangesNothing() {
        drainDue();
        NewWorkflowEvent appended = event(null);
        store().append(appended);
        OutboxEvent stale = store().claimDue(500, Duration.ofMillis(1)).stream()
                .filter(e -> e.id().equals(appended.id())).findFirst().orElseThrow();
        // The lease runs out while the stale sender is still busy, and another sender claims the event.
        OutboxEvent current = Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5))
                .until(() -> drainDue().stream().filter(e -> e.id().equals(appended.id())).findFirst(), Optional::isPresent)
                .orElseThrow();
        assertThat(current.leaseToken()).isNotEqualTo(stale.leaseToken());

        assertThat(store().markDelivered(stale.leaseToken(), List.of(appended.id()))).isEmpty();
        assertThat(store().markFailed(appended.id(), stale.leaseToken(), 1, "HTTP 500")).isFalse();
        assertThat(store().markRetry(appended.id(), stale.leaseToken(), 1, Instant.now(), "HTTP 500")).isFalse();
        StoredEvent untouched = store().findEvent(appended.id()).orElseThrow();
        assertThat(untouched.deliveryStatus()).isEqualTo(DeliveryStatus.PENDING);
        assertThat(untouched.deliveryAttempts()).isZero();
        assertThat(untouched.lastError()).isNull();

        assertThat(store().markRetry(appended.id(), current.leaseToken(), 1, Instant.now().plusSeconds(60), "HTTP 503")).isTrue();
        assertThat(store().findEvent(appended.id()).orElseThrow().lastError()).isEqualTo("HTTP 503");
    }

    @Test
    void anUpdateWithAnUnknownTokenChangesNothing() {
        drainDue();
        NewWorkflowEvent appended = event(null);
        store().append(appended);
        claim(appended.id());
        assertThat(store().markDelivered(UUID.randomUUID(), List.of(appended.id()))).isEmpty();
        assertThat(store().markRetry(appended.id(), UUID.randomUUID(), 1, Instant.now(), "HTTP 500")).isFalse();
        assertThat(store().markFailed(UUID.randomUUID(), UUID.randomUUID(), 1, "HTTP 500")).isFalse();
        assertThat(store().findEvent(appended.id()).orElseThrow().deliveryStatus()).isEqualTo(DeliveryStatus.PENDING);
    }

    @Test
    void oneUpdateRecordsTheDeliveriesOfAClaimAndOnlyThose() {
        drainDue();
        NewWorkflowEvent a1 = event(null);
        NewWorkflowEvent a2 = event(null);
        store().append(a1);
        store().append(a2);
        List<OutboxEvent> first = drainDue();
        NewWorkflowEvent b1 = event(null);
        store().append(b1);
        OutboxEvent second = claim(b1.id());

        assertThat(store().markDelivered(first.get(0).leaseToken(), List.of(a1.id(), a2.id(), b1.id())))
                .containsExactlyInAnyOrder(a1.id(), a2.id());
        assertThat(store().findEvent(a2.id()).orElseThrow().deliveryAttempts()).isEqualTo(1);
        assertThat(store().findEvent(b1.id()).orElseThrow().deliveryStatus()).isEqualTo(DeliveryStatus.PENDING);
        assertThat(store().markDelivered(second.leaseToken(), List.of(b1.id()))).containsExactly(b1.id());
        assertThat(store().markDelivered(second.leaseToken(), List.of())).isEmpty();
    }

    private NewWorkflowEvent eventOf(UUID ohid) {
        return new NewWorkflowEvent(UUID.randomUUID(), ohid, WorkflowEventType.CallCompleted.name(), Map.of("call_id", "c1"),
                "CLOUDTALK", null, "corr-1");
    }

    @Test
    void aPersonsNextEventIsHandedOutOnlyOnceTheEarlierOneIsSettled() {
        drainDue();
        UUID ann = UUID.randomUUID();
        UUID bob = UUID.randomUUID();
        List<NewWorkflowEvent> anns = new ArrayList<>();
        List<NewWorkflowEvent> bobs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            anns.add(eventOf(ann));
            store().append(anns.get(i));
            bobs.add(eventOf(bob));
            store().append(bobs.get(i));
        }
        NewWorkflowEvent nobody = event(null);
        store().append(nobody);

        // one event per person, the oldest; events without a person are not held back
        List<OutboxEvent> firstRound = drainDue();
        assertThat(firstRound).extracting(OutboxEvent::id).containsExactlyInAnyOrder(anns.get(0).id(), bobs.get(0).id(), nobody.id());
        OutboxEvent annsFirst = firstRound.stream().filter(e -> ann.equals(e.ohid())).findFirst().orElseThrow();
        OutboxEvent bobsFirst = firstRound.stream().filter(e -> bob.equals(e.ohid())).findFirst().orElseThrow();

        // Bob's first is delivered: his second is next, and only it.
        store().markDelivered(bobsFirst.leaseToken(), List.of(bobsFirst.id()));
        // Ann's first failed and is due again: it goes again, before her second.
        store().markRetry(annsFirst.id(), annsFirst.leaseToken(), 1, Instant.now().minusSeconds(1), "HTTP 503");
        List<OutboxEvent> secondRound = drainDue();
        assertThat(secondRound).extracting(OutboxEvent::id).containsExactlyInAnyOrder(bobs.get(1).id(), anns.get(0).id());

        // A retry that is not due yet holds Ann's later events back.
        OutboxEvent annsRetry = secondRound.stream().filter(e -> ann.equals(e.ohid())).findFirst().orElseThrow();
        store().markRetry(annsRetry.id(), annsRetry.leaseToken(), 2, Instant.now().plusSeconds(3600), "HTTP 503");
        assertThat(drainDue()).isEmpty();
    }

    @Test
    void anEventThatFailedForGoodNoLongerHoldsThePersonsNextOne() {
        drainDue();
        UUID ann = UUID.randomUUID();
        NewWorkflowEvent first = eventOf(ann);
        NewWorkflowEvent second = eventOf(ann);
        store().append(first);
        store().append(second);
        OutboxEvent claimed = claim(first.id());
        store().markFailed(first.id(), claimed.leaseToken(), 19, "HTTP 503");
        assertThat(drainDue()).extracting(OutboxEvent::id).containsExactly(second.id());
    }

    @Test
    void concurrentClaimersNeverGetTheSameEvent() throws Exception {
        drainDue();
        for (int i = 0; i < 40; i++) {
            store().append(event(null));
        }
        List<UUID> claimed = java.util.Collections.synchronizedList(new ArrayList<>());
        concurrently(8, () -> {
            List<OutboxEvent> batch = store().claimDue(10, Duration.ofMinutes(1));
            batch.forEach(e -> claimed.add(e.id()));
            return batch.size();
        });
        assertThat(claimed).doesNotHaveDuplicates().hasSize(40);
    }

    @Test
    void unknownIdsAreNotFound() {
        assertThat(store().findLead(UUID.randomUUID())).isEmpty();
        assertThat(store().findEvent(UUID.randomUUID())).isEmpty();
        assertThat(store().lookup().byEmail(unique("nobody") + "@example.com")).isEmpty();
        assertThat(store().lookup().byPhone("+10000000000")).isEmpty();
    }

    @Test
    void healthSaysWhichStoreAnswers() {
        StoreHealth health = store().health();
        assertThat(health.reachable()).isTrue();
        assertThat(health.type()).isEqualTo(store().type());
    }

    /** Runs {@code task} on {@code threads} threads released at once; returns the distinct answers. */
    protected static <T> Set<T> concurrently(int threads, Callable<T> task) throws Exception {
        return new HashSet<>(Concurrently.run(threads, i -> task.call()));
    }
}
