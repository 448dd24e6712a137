package com.opulenthorizons.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/**
 * Listing and replaying workflow events, the same on every store. Each test uses an event type of
 * its own, so that the events of other tests on the same database do not count.
 */
public abstract class EventLogContract {

    protected abstract LeadStore store();

    private final String type = "Test" + UUID.randomUUID().toString().substring(0, 8);

    private UUID append(UUID ohid) {
        return append(type, ohid);
    }

    private UUID append(String eventType, UUID ohid) {
        UUID id = UUID.randomUUID();
        store().append(new NewWorkflowEvent(id, ohid, eventType, Map.of("n", 1), "WEBSITE", null, "corr-log"));
        return id;
    }

    /** Claims the event alone and settles it as the delivery would. */
    private OutboxEvent claim(UUID id) {
        for (int round = 0; round < 100; round++) {
            for (OutboxEvent e : store().claimDue(500, java.time.Duration.ofMinutes(1))) {
                if (e.id().equals(id)) {
                    return e;
                }
            }
        }
        throw new AssertionError("event " + id + " was never due");
    }

    private UUID failed(String eventType) {
        UUID id = append(eventType, null);
        OutboxEvent claimed = claim(id);
        assertThat(store().markFailed(id, claimed.leaseToken(), 3, "HTTP 503")).isTrue();
        return id;
    }

    private UUID delivered(String eventType) {
        UUID id = append(eventType, null);
        assertThat(store().markDelivered(claim(id).leaseToken(), List.of(id))).containsExactly(id);
        return id;
    }

    private EventPage list(DeliveryStatus status, UUID ohid, Instant from, Instant to, EventCursor after, int limit) {
        return store().listEvents(new EventQuery(status, type, ohid, from, to, after, limit));
    }

    @Test
    void eventsAreListedNewestFirstInPagesWithACursor() {
        List<UUID> appended = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            appended.add(append(null));
        }
        List<UUID> seen = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        EventCursor after = null;
        do {
            EventPage page = list(null, null, null, null, after, 2);
            page.events().forEach(e -> seen.add(e.id()));
            pageSizes.add(page.events().size());
            after = page.next().orElse(null);
        } while (after != null);

        assertThat(pageSizes).containsExactly(2, 2, 1);
        java.util.Collections.reverse(appended);
        assertThat(seen).containsExactlyElementsOf(appended);
    }

    @Test
    void aCursorSurvivesItsTextForm() {
        append(null);
        append(null);
        EventCursor cursor = list(null, null, null, null, null, 1).next().orElseThrow();
        assertThat(EventCursor.decode(cursor.encode())).contains(cursor);
        assertThat(EventCursor.decode("not a cursor")).isEmpty();
    }

    @Test
    void eachItemSaysWhereTheEventStands() {
        UUID pending = append(null);
        UUID failed = failed(type);

        List<ListedEvent> items = list(null, null, null, null, null, 10).events();
        assertThat(items).extracting(ListedEvent::id).containsExactly(failed, pending);
        ListedEvent f = items.get(0);
        assertThat(f.status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(f.attempts()).isEqualTo(3);
        assertThat(f.lastError()).isEqualTo("HTTP 503");
        assertThat(f.eventType()).isEqualTo(type);
        assertThat(f.nextAttemptAt()).isNull();
        ListedEvent p = items.get(1);
        assertThat(p.status()).isEqualTo(DeliveryStatus.PENDING);
        assertThat(p.nextAttemptAt()).isNotNull();
        assertThat(p.occurredAt()).isNotNull().isBeforeOrEqualTo(f.occurredAt());
    }

    @Test
    void eventsAreFilteredByStatusOhidAndTime() {
        UUID ohid = UUID.randomUUID();
        UUID first = append(null);
        UUID ofPerson = append(ohid);
        UUID failed = failed(type);
        delivered(type);

        assertThat(list(DeliveryStatus.FAILED, null, null, null, null, 10).events()).extracting(ListedEvent::id)
                .containsExactly(failed);
        assertThat(list(null, ohid, null, null, null, 10).events()).extracting(ListedEvent::id).containsExactly(ofPerson);
        assertThat(list(DeliveryStatus.PENDING, null, null, null, null, 10).events()).extracting(ListedEvent::id)
                .containsExactly(ofPerson, first);

        List<ListedEvent> all = list(null, null, null, null, null, 10).events();
        Instant secondAt = all.get(2).occurredAt();
        Instant thirdAt = all.get(1).occurredAt();
        // from is inclusive, to exclusive
        assertThat(list(null, null, secondAt, thirdAt, null, 10).events()).extracting(ListedEvent::id)
                .containsExactly(ofPerson);
    }

    @Test
    void aReplayByIdQueuesFailedAndDeliveredEventsAgainWithAFreshRetryWindow() {
        UUID failed = failed(type);
        UUID delivered = delivered(type);
        UUID pending = append(null);
        Instant beforeReplay = Instant.now().minusSeconds(1);

        assertThat(store().replay(List.of(failed, delivered, pending, UUID.randomUUID()))).isEqualTo(2);

        for (UUID id : List.of(failed, delivered)) {
            StoredEvent event = store().findEvent(id).orElseThrow();
            assertThat(event.deliveryStatus()).isEqualTo(DeliveryStatus.PENDING);
            assertThat(event.deliveryAttempts()).isZero();
        }
        OutboxEvent claimed = claim(failed);
        assertThat(claimed.attempts()).isZero();
        assertThat(claimed.retryFrom()).isAfter(claimed.occurredAt()).isAfter(beforeReplay);
    }

    @Test
    void replayingAPendingEventChangesNothing() {
        UUID failed = failed(type);
        assertThat(store().replay(List.of(failed))).isEqualTo(1);
        ListedEvent once = list(null, null, null, null, null, 10).events().get(0);

        assertThat(store().replay(List.of(failed))).isZero();
        assertThat(list(null, null, null, null, null, 10).events().get(0)).isEqualTo(once);
    }

    @Test
    void aReplayByFilterQueuesOnlyTheFailedEventsOfThatTypeAndTime() {
        String otherType = type + "-other";
        UUID oldFailed = failed(type);
        UUID failed = failed(type);
        UUID otherFailed = failed(otherType);
        UUID delivered = delivered(type);
        Instant failedAt = store().listEvents(new EventQuery(null, type, null, null, null, null, 10)).events().stream()
                .filter(e -> e.id().equals(failed)).findFirst().orElseThrow().occurredAt();

        assertThat(store().replay(new ReplayFilter(type, failedAt, null))).isEqualTo(1);
        assertThat(store().findEvent(failed).orElseThrow().deliveryStatus()).isEqualTo(DeliveryStatus.PENDING);
        assertThat(store().findEvent(oldFailed).orElseThrow().deliveryStatus()).isEqualTo(DeliveryStatus.FAILED);

        assertThat(store().replay(new ReplayFilter(type, null, null))).isEqualTo(1);
        assertThat(store().findEvent(oldFailed).orElseThrow().deliveryStatus()).isEqualTo(DeliveryStatus.PENDING);
        assertThat(store().findEvent(otherFailed).orElseThrow().deliveryStatus()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(store().findEvent(delivered).orElseThrow().deliveryStatus()).isEqualTo(DeliveryStatus.DELIVERED);
        assertThat(store().replay(new ReplayFilter(type, null, null))).isZero();
    }

    @Test
    void aReplayedOlderEventOfAPersonGoesBeforeTheirLaterPendingOne() {
        UUID ohid = UUID.randomUUID();
        UUID older = append(ohid);
        assertThat(store().markFailed(older, claim(older).leaseToken(), 3, "HTTP 503")).isTrue();
        UUID later = append(ohid);

        assertThat(store().replay(List.of(older))).isEqualTo(1);

        OutboxEvent first = claim(older);
        assertThat(store().claimDue(500, java.time.Duration.ofMinutes(1))).extracting(OutboxEvent::id).doesNotContain(later);
        assertThat(store().markDelivered(first.leaseToken(), List.of(older))).containsExactly(older);
        assertThat(claim(later).id()).isEqualTo(later);
    }
}
