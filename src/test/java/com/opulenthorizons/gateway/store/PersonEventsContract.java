package com.opulenthorizons.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.opulenthorizons.gateway.person.ConsentDecision;
import com.opulenthorizons.gateway.person.RecordConsentRequest;

/**
 * What every store sends about a person's consent and erasure beyond {@link PersonChangesContract}:
 * the ConsentChanged events of ingests, and the erasure's edge cases. Each store's test extends this class.
 */
public abstract class PersonEventsContract extends PersonChangesContract {

    /** The person's events of one type, oldest first, with payloads, as the outbox will send them. */
    protected List<StoredEvent> events(UUID ohid, String type) {
        List<StoredEvent> events = store().listEvents(new EventQuery(null, type, ohid, null, null, null, 100)).events().stream()
                .map(e -> store().findEvent(e.id()).orElseThrow()).collect(Collectors.toCollection(ArrayList::new));
        Collections.reverse(events);
        return events;
    }

    private List<Object> consentStates(UUID ohid) {
        return events(ohid, "ConsentChanged").stream().map(e -> e.payload().get("state")).toList();
    }

    @Test
    void anIngestSendsConsentChangedWhenItChangesAKnownPersonsCurrentState() throws Exception {
        String email = unique("cc") + "@example.com";
        UUID ohid = ingest("Cy", email, null, false);
        assertThat(consentStates(ohid)).as("a new person's first consent is in its LeadIngested").isEmpty();

        ingest("Cy", email, null, false); // nothing given, nothing taken back
        assertThat(consentStates(ohid)).isEmpty();
        Thread.sleep(2);
        ingest("Cy", email, null, true); // the first grant changes the state
        assertThat(consentStates(ohid)).containsExactly("GRANTED");
        StoredEvent granted = events(ohid, "ConsentChanged").get(0);
        assertThat(granted.payload()).containsEntry("state", "GRANTED").containsEntry("source", "web form tick box")
                .doesNotContainKey("ingest_id");
        Thread.sleep(2);
        ingest("Cy", email, null, true); // already granted
        ingest("Cy", email, null, false); // a lead without consent takes nothing back
        assertThat(consentStates(ohid)).containsExactly("GRANTED");

        people().recordConsent(new RecordConsentRequest(ohid, ConsentDecision.WITHDRAWN, "unsubscribe link"));
        Thread.sleep(2);
        ingest("Cy", email, null, true); // a new grant after the withdrawal changes it back
        assertThat(consentStates(ohid)).containsExactly("GRANTED", "WITHDRAWN", "GRANTED");
    }

    @Test
    void aNewPersonsConsentTravelsInItsLeadIngestedEventAlone() {
        UUID ohid = ingest("Di", unique("di") + "@example.com", newPhone(), true);
        List<StoredEvent> all = events(ohid, null);
        assertThat(all).extracting(StoredEvent::eventType).containsExactly("LeadIngested");
        assertThat(all.get(0).payload()).containsEntry("marketing_consent", true)
                .containsEntry("consent_source", "web form tick box");
        assertThat(all.get(0).payload().toString()).doesNotContain("@example.com");
    }

    // --- erasure edge cases ---------------------------------------------------------------------

    @Test
    void aNumberWrittenDifferentlyInAnEventWithoutAPersonIsRedacted() {
        String phone = newPhone(); // +4479…, a UK mobile
        String national = phone.substring(3);
        String email = unique("ola") + "@example.com";
        UUID ohid = ingest("Ola", email, phone, true);
        UUID asNational = appendUnlinked(Map.of("from_number", "0" + national.substring(0, 4) + " " + national.substring(4)));
        UUID asSpaced = appendUnlinked(Map.of("raw", Map.of("caller", "+44 (0)" + national.substring(0, 4) + "-"
                + national.substring(4, 7) + "." + national.substring(7))));
        UUID asUpperEmail = appendUnlinked(Map.of("note", "mail " + email.toUpperCase()));
        String otherPhone = newPhone();
        UUID stranger = appendUnlinked(Map.of("from_number", "0" + otherPhone.substring(3)));

        forget(ohid);

        for (UUID id : List.of(asNational, asSpaced, asUpperEmail)) {
            assertThat(store().findEvent(id).orElseThrow().payload()).isEqualTo(Map.of("redacted", true));
        }
        assertThat(store().findEvent(stranger).orElseThrow().payload()).containsKey("from_number");
    }

    @Test
    void theTombstoneKeepsTheReasonWithoutEmailsOrPhones() {
        String phone = newPhone();
        UUID ohid = ingest("Rae", unique("rae") + "@example.com", phone, true);
        String national = "0" + phone.substring(3, 7) + " " + phone.substring(7);

        var forgotten = people().forget(new com.opulenthorizons.gateway.person.ForgetPersonRequest(ohid,
                "asked by rae.smith@example.com from " + national + " and +44 20 7946 0123, ticket 4411"));

        assertThat(forgotten.reason()).isEqualTo("asked by <email> from <phone> and <phone>, ticket 4411");
        assertThat(person(ohid).forgotten().reason()).isEqualTo(forgotten.reason());
    }

    @Test
    void anEventClaimedByADeliveryIsNotRedactedUnderItButTheErasureWaitsForItsOutcome() throws Exception {
        String phone = newPhone();
        UUID ohid = ingest("Lea", unique("lea") + "@example.com", phone, true);
        List<OutboxEvent> claimed = store().claimDue(100_000, Duration.ofMinutes(1));
        OutboxEvent inFlight = claimed.stream().filter(e -> ohid.equals(e.ohid())).findFirst().orElseThrow();
        claimed.stream().filter(e -> e != inFlight) // give the rest back at once
                .forEach(e -> store().markRetry(e.id(), e.leaseToken(), e.attempts(), Instant.now(), null));
        ExecutorService erasing = Executors.newSingleThreadExecutor();
        try {
            Future<?> erasure = erasing.submit(() -> forget(ohid));
            Thread.sleep(300);
            assertThat(erasure.isDone()).as("the erasure waits while a sender holds the event").isFalse();
            assertThat(store().findEvent(inFlight.id()).orElseThrow().payload()).isNotEqualTo(Map.of("redacted", true));

            assertThat(store().markDelivered(inFlight.leaseToken(), List.of(inFlight.id()))).contains(inFlight.id());
            erasure.get(10, TimeUnit.SECONDS);
        } finally {
            erasing.shutdownNow();
        }
        assertThat(store().findEvent(inFlight.id()).orElseThrow().payload()).isEqualTo(Map.of("redacted", true));
        // what is sent from now on is redacted: the person's next event goes out as such
        List<OutboxEvent> next = store().claimDue(100_000, Duration.ofMinutes(1));
        next.stream().filter(e -> ohid.equals(e.ohid())).forEach(e -> {
            if (!e.eventType().equals("PersonForgotten")) {
                assertThat(e.payload()).isEqualTo(Map.of("redacted", true));
            }
        });
        next.forEach(e -> store().markRetry(e.id(), e.leaseToken(), e.attempts(), Instant.now(), null));
        assertThat(next).anyMatch(e -> ohid.equals(e.ohid()));
    }

    private UUID appendUnlinked(Map<String, Object> payload) {
        UUID id = UUID.randomUUID();
        store().append(new NewWorkflowEvent(id, null, "CallCompleted", payload, "CLOUDTALK", null, "c-" + id));
        return id;
    }

    // --- search_leads with text: bounded by its candidates ----------------------------------------

    @Test
    void aTextSearchLooksAtABoundedNumberOfLeadsPerCallAndItsCursorGoesOn() throws Exception {
        Instant start = Instant.now().minusMillis(5);
        String word = "b" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        List<UUID> matching = new ArrayList<>();
        for (int i = 0; i < 13; i++) { // oldest first: 3 with the word, 8 without, 2 with
            boolean hit = i < 3 || i >= 11;
            UUID id = leads().ingest(lead(com.opulenthorizons.gateway.lead.SourceSystem.WEB,
                    com.opulenthorizons.gateway.lead.Channel.WEB_FORM, "B" + i, "Bound", null, null, false, null,
                    hit ? "near " + word : "nothing here")).ingestId();
            if (hit) {
                matching.add(id);
            }
            Thread.sleep(1); // distinct times, so that the order is the order of insertion
        }
        var bounded = new com.opulenthorizons.gateway.person.PersonService(store(), normalizer, blocked,
                new com.opulenthorizons.gateway.lead.OhidResolver(), 1000, 4, shippedSearchSlots());

        var first = bounded.search(new com.opulenthorizons.gateway.person.SearchLeadsRequest(null, null, start.toString(),
                null, word, null, null, 10));
        assertThat(first.leads()).hasSize(2);
        assertThat(first.scanBounded()).isTrue();
        assertThat(first.total()).isEqualTo(2); // among the 4 newest: a lower bound
        assertThat(first.totalExact()).isFalse();
        assertThat(first.leads()).extracting(l -> l.ingestId()).containsExactly(matching.get(4), matching.get(3));
        // a full first page: the next call goes on from its last lead, the total still among the 4 newest
        var full = bounded.search(new com.opulenthorizons.gateway.person.SearchLeadsRequest(null, null, start.toString(),
                null, word, null, null, 1));
        assertThat(full.leads()).extracting(l -> l.ingestId()).containsExactly(matching.get(4));
        assertThat(full.total()).isEqualTo(2);
        assertThat(full.totalExact()).isFalse();
        assertThat(full.scanBounded()).isFalse();
        assertThat(full.nextCursor()).isNotNull();
        var afterFull = bounded.search(new com.opulenthorizons.gateway.person.SearchLeadsRequest(null, null, start.toString(),
                null, word, null, full.nextCursor(), 1));
        assertThat(afterFull.leads()).extracting(l -> l.ingestId()).containsExactly(matching.get(3));
        // no candidate matches: an empty, exact page
        var none = people().search(new com.opulenthorizons.gateway.person.SearchLeadsRequest(null, null, start.toString(),
                null, word + "x", null, null, 10));
        assertThat(none.leads()).isEmpty();
        assertThat(none.total()).isZero();
        assertThat(none.totalExact()).isTrue();
        assertThat(none.nextCursor()).isNull();
        List<UUID> seen = new ArrayList<>();
        first.leads().forEach(l -> seen.add(l.ingestId()));
        String cursor = first.nextCursor();
        int calls = 1;
        while (cursor != null) {
            var page = bounded.search(new com.opulenthorizons.gateway.person.SearchLeadsRequest(null, null, start.toString(),
                    null, word, null, cursor, 10));
            page.leads().forEach(l -> seen.add(l.ingestId()));
            assertThat(page.leads().size()).isLessThanOrEqualTo(4);
            cursor = page.nextCursor();
            calls++;
        }
        assertThat(calls).isEqualTo(4); // 13 leads, 4 looked at per call
        assertThat(seen).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(matching);
        // with room for every candidate, the same search is one exact page
        var whole = people().search(new com.opulenthorizons.gateway.person.SearchLeadsRequest(null, null, start.toString(),
                null, word, null, null, 10));
        assertThat(whole.leads()).hasSize(5);
        assertThat(whole.total()).isEqualTo(5);
        assertThat(whole.totalExact()).isTrue();
        assertThat(whole.scanBounded()).isFalse();
        assertThat(whole.nextCursor()).isNull();
    }
}
