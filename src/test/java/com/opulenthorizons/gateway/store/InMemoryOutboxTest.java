package com.opulenthorizons.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/** What only the in-memory store does: a bounded history of delivered events. */
class InMemoryOutboxTest {

    private static UUID append(InMemoryLeadStore store, String dedupKey) {
        UUID id = UUID.randomUUID();
        store.append(new NewWorkflowEvent(id, null, "CallCompleted", Map.of(), "CLOUDTALK", dedupKey, "corr-h"));
        return id;
    }

    private static void deliver(InMemoryLeadStore store, UUID id) {
        OutboxEvent claimed = store.claimDue(100, Duration.ofMinutes(1)).stream().filter(e -> e.id().equals(id)).findFirst()
                .orElseThrow();
        assertThat(store.markDelivered(claimed.leaseToken(), List.of(id))).containsExactly(id);
    }

    private static void fail(InMemoryLeadStore store, UUID id) {
        OutboxEvent claimed = store.claimDue(100, Duration.ofMinutes(1)).stream().filter(e -> e.id().equals(id)).findFirst()
                .orElseThrow();
        assertThat(store.markFailed(id, claimed.leaseToken(), 1, "HTTP 503")).isTrue();
    }

    @Test
    void onlyTheNewestDeliveredEventsAreKeptWhilePendingAndFailedOnesStay() {
        InMemoryLeadStore store = new InMemoryLeadStore(3);
        UUID failed = append(store, null);
        fail(store, failed);
        UUID pending = append(store, null);
        store.claimDue(100, Duration.ofMinutes(1)); // leased, so the deliveries below do not send it
        List<UUID> delivered = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            delivered.add(append(store, null));
            deliver(store, delivered.get(i));
        }

        assertThat(store.findEvent(delivered.get(0))).isEmpty();
        assertThat(store.findEvent(delivered.get(1))).isEmpty();
        delivered.subList(2, 5).forEach(id -> assertThat(store.findEvent(id)).isPresent());
        assertThat(store.findEvent(failed)).isPresent();
        assertThat(store.findEvent(pending)).isPresent();
        assertThat(store.deliveryCounts()).isEqualTo(new DeliveryCounts(1, 3, 1));
        assertThat(store.counts().events()).isEqualTo(5);
    }

    @Test
    void aReplayedEventLeavesTheHistoryAndJoinsItAgainWhenDelivered() {
        InMemoryLeadStore store = new InMemoryLeadStore(2);
        UUID a = append(store, null);
        deliver(store, a);
        UUID b = append(store, null);
        deliver(store, b);
        assertThat(store.replay(List.of(a))).isEqualTo(1);

        UUID c = append(store, null);
        List<OutboxEvent> claimed = store.claimDue(100, Duration.ofMinutes(1));
        assertThat(claimed).extracting(OutboxEvent::id).containsExactlyInAnyOrder(a, c);
        UUID token = claimed.get(0).leaseToken();
        store.markDelivered(token, List.of(c));
        assertThat(store.findEvent(b)).as("b and c are the two delivered events kept").isPresent();
        assertThat(store.findEvent(a)).as("pending again, not part of the history").isPresent();

        store.markDelivered(token, List.of(a));
        assertThat(store.findEvent(b)).as("the oldest delivery is dropped first").isEmpty();
        assertThat(store.findEvent(c)).isPresent();
        assertThat(store.findEvent(a)).isPresent();
    }

    @Test
    void theDedupKeyOfADroppedEventIsForgottenToo() {
        InMemoryLeadStore store = new InMemoryLeadStore(1);
        UUID first = append(store, "cloudtalk:c-1:call.ended");
        deliver(store, first);
        deliver(store, append(store, null));

        AppendOutcome again = store.append(new NewWorkflowEvent(UUID.randomUUID(), null, "CallCompleted", Map.of(), "CLOUDTALK",
                "cloudtalk:c-1:call.ended", "corr-h"));
        assertThat(again.created()).isTrue();
    }
}
