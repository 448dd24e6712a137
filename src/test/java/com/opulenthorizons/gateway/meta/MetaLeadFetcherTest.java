package com.opulenthorizons.gateway.meta;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import com.opulenthorizons.gateway.lead.ContactNormalizer;
import com.opulenthorizons.gateway.lead.LeadIngestService;
import com.opulenthorizons.gateway.lead.OhidResolver;
import com.opulenthorizons.gateway.testing.ShippedBlocklist;
import com.opulenthorizons.gateway.meta.graph.GraphResponseExceptionMapper;
import com.opulenthorizons.gateway.store.EventQuery;
import com.opulenthorizons.gateway.store.InMemoryLeadStore;
import com.opulenthorizons.gateway.store.ListedEvent;
import com.opulenthorizons.gateway.store.StoredEvent;
import com.opulenthorizons.gateway.store.StoredLead;
import com.opulenthorizons.gateway.testing.GraphLeads;
import com.opulenthorizons.gateway.testing.MovableClock;
import com.opulenthorizons.gateway.webhook.RetryPolicy;

import jakarta.validation.Validation;

/**
 * The fetch worker against a Graph API stand-in that answers in Graph's wire format (leads and
 * error envelopes), with the real ingest service on the in-memory store, on a clock the test moves
 * past each 30 s wait of the retry schedule.
 */
class MetaLeadFetcherTest {

    private final InMemoryLeadStore store = new InMemoryLeadStore();
    private final MovableClock clock = new MovableClock(Instant.parse("2026-12-01T10:00:00Z"));
    private final MetaLeadInbox inbox = new InMemoryMetaLeadInbox(clock);
    private final Deque<Function<String, String>> answers = new ArrayDeque<>();
    private final AtomicInteger calls = new AtomicInteger();
    private final MetaLeadFetcher fetcher = new MetaLeadFetcher(inbox, id -> {
        calls.incrementAndGet();
        return answers.isEmpty() ? GraphLeads.lead(id, GraphLeads.typicalAnswers("ada@example.com")) : answers.poll().apply(id);
    }, new MetaLeadMapper(new MetaConfig(key -> Optional.empty())),
            new LeadIngestService(store, new ContactNormalizer("GB"), ShippedBlocklist.with(new ContactNormalizer("GB")), new OhidResolver()), store,
            Validation.buildDefaultValidatorFactory().getValidator(),
            new RetryPolicy(List.of(Duration.ofSeconds(30)), Duration.ofHours(1), 0, 3), clock);

    private String receive() {
        String id = "lg" + UUID.randomUUID().toString().substring(0, 8);
        inbox.receive(new LeadgenNotification(id, "1234567890123", "987654321", "6045123456789", 1764584130L, Map.of()), "corr-meta-1");
        return id;
    }

    private Function<String, String> graphError(int status, int code, Integer subcode, String type) {
        return id -> {
            throw GraphResponseExceptionMapper.map(status, GraphLeads.error(code, subcode, type, "an error"));
        };
    }

    private void fetchUntilSettled() {
        for (int i = 0; i < 10 && inbox.counts().pending() > 0; i++) {
            fetcher.fetchDue();
            clock.advance(Duration.ofSeconds(31));
        }
    }

    private List<StoredEvent> failureEvents() {
        return store.listEvents(new EventQuery(null, "MetaLeadFetchFailed", null, null, null, null, 100)).events().stream()
                .map(ListedEvent::id).map(id -> store.findEvent(id).orElseThrow()).toList();
    }

    @Test
    void aFetchedLeadIsIngestedUnderItsLeadgenIdWithTheNotificationsCorrelationIdViaWebhook() {
        String id = receive();
        assertThat(fetcher.fetchDue()).isEqualTo(1);

        assertThat(inbox.counts().ingested()).isEqualTo(1);
        StoredEvent event = store.listEvents(new EventQuery(null, "LeadIngested", null, null, null, null, 10)).events().stream()
                .map(e -> store.findEvent(e.id()).orElseThrow()).findFirst().orElseThrow();
        assertThat(event.payload()).containsEntry("source_system", "META").containsEntry("source_lead_id", id)
                .containsEntry("channel", "META_LEAD_AD").containsEntry("via", "webhook").containsEntry("caller", "meta");
        assertThat(event.correlationId()).isEqualTo("corr-meta-1");
        StoredLead lead = store.findLead(UUID.fromString((String) event.payload().get("ingest_id"))).orElseThrow();
        assertThat(lead.payload()).containsKey("raw_payload");
        assertThat(lead.consent()).containsEntry("marketing_consent", true);
    }

    @Test
    void aLeadFetchedTwice_afterAReplay_isStoredOnce() {
        String id = receive();
        fetcher.fetchDue();
        // Meta's repeated notification of the same lead is not stored again, so it is not fetched again
        inbox.receive(new LeadgenNotification(id, null, null, null, null, Map.of()), "corr-2");
        assertThat(fetcher.fetchDue()).isZero();
        assertThat(store.counts().leads()).isEqualTo(1);
    }

    @Test
    void throttlingIsRetriedThenTheLeadIsIngested() {
        receive();
        answers.add(graphError(400, 80001, null, "OAuthException"));
        answers.add(graphError(403, 4, null, "OAuthException"));
        fetchUntilSettled();

        assertThat(calls).hasValue(3);
        assertThat(inbox.counts().ingested()).isEqualTo(1);
        assertThat(store.counts().leads()).isEqualTo(1);
    }

    @Test
    void aLeadStillThrottledAfterTheLastAttemptFailsWithAnEventThatSaysWhy() {
        String id = receive();
        for (int i = 0; i < 3; i++) {
            answers.add(graphError(400, 17, null, "OAuthException"));
        }
        fetchUntilSettled();

        assertThat(calls).as("the policy allows 3 attempts").hasValue(3);
        assertThat(inbox.counts().failed()).isEqualTo(1);
        assertThat(inbox.failed(10)).singleElement().satisfies(f -> {
            assertThat(f.attempts()).isEqualTo(3);
            assertThat(f.lastError()).contains("rate limit").contains("code 17").contains("fbtrace_id AbCdEfGhIjK");
        });
        assertThat(failureEvents()).singleElement().satisfies(e -> {
            assertThat(e.payload()).containsEntry("leadgen_id", id).containsEntry("attempts", 3).containsEntry("via", "webhook");
            assertThat(e.ohid()).isNull();
            assertThat(e.sourceSystem()).isEqualTo("META");
        });
        assertThat(store.counts().leads()).isZero();
    }

    @Test
    void whenGraphSaysHowLongItThrottlesTheNextAttemptWaitsThatLong() {
        receive();
        answers.add(leadgenId -> {
            throw GraphResponseExceptionMapper.map(400, GraphLeads.error(80001, null, "OAuthException", "too many calls"),
                    "{\"112233\":[{\"type\":\"pages\",\"estimated_time_to_regain_access\":5}]}");
        });
        fetcher.fetchDue();

        assertThat(inbox.counts().pending()).isEqualTo(1);
        clock.advance(Duration.ofMinutes(4));
        assertThat(inbox.claimDue(10, Duration.ofMinutes(1))).as("not due before Graph's 5 minutes, though the schedule waits 30 s")
                .isEmpty();
        clock.advance(Duration.ofMinutes(1));
        assertThat(inbox.claimDue(10, Duration.ofMinutes(1))).hasSize(1);
        assertThat(calls).hasValue(1);
    }

    @Test
    void aPermissionErrorFailsAtOnceAndAReplayFetchesTheLead() {
        String id = receive();
        answers.add(graphError(403, 200, null, "OAuthException"));
        fetcher.fetchDue();

        assertThat(calls).hasValue(1);
        assertThat(inbox.failed(10)).singleElement().satisfies(f -> assertThat(f.lastError()).contains("leads_retrieval"));
        assertThat(failureEvents()).hasSize(1);

        assertThat(new MetaLeadService(inbox, new MetaConfig(key -> Optional.empty()))
                .replay(new ReplayMetaLeadsRequest(List.of(id))).replayed()).isEqualTo(1);
        fetcher.fetchDue();
        assertThat(inbox.counts().ingested()).isEqualTo(1);
        assertThat(store.counts().leads()).isEqualTo(1);
    }

    @Test
    void aLeadThatCannotBeStoredFailsAtOnceNamingTheField() {
        receive();
        answers.add(id -> GraphLeads.lead(id, Map.of("email", "ada@example.com")));
        fetcher.fetchDue();

        assertThat(inbox.failed(10)).singleElement().satisfies(f -> assertThat(f.lastError())
                .startsWith("the lead cannot be stored").contains("first_name"));
    }
}
