package com.opulenthorizons.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.opulenthorizons.gateway.lead.Channel;
import com.opulenthorizons.gateway.lead.ContactKeys;
import com.opulenthorizons.gateway.lead.OhidResolver;
import com.opulenthorizons.gateway.lead.SourceSystem;

/**
 * What every {@link LeadStore} must do. Each implementation's test extends this class and
 * supplies a fresh store.
 */
public abstract class LeadStoreContract {

    private final OhidResolver resolver = new OhidResolver();

    protected abstract LeadStore store();

    protected static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    protected static NewLead lead(String sourceLeadId, String email, String phone) {
        UUID ingestId = UUID.randomUUID();
        Map<String, Object> person = new java.util.LinkedHashMap<>();
        person.put("first_name", "Ann");
        person.put("last_name", "Smith");
        if (email != null) {
            person.put("email", email);
        }
        if (phone != null) {
            person.put("phone", phone);
        }
        return new NewLead(ingestId, SourceSystem.WEB, sourceLeadId, Channel.WEB_FORM, new ContactKeys(email, phone),
                Map.of("person", person, "source_lead_id", sourceLeadId), Map.of("marketing_consent", true),
                Map.of("ingest_id", ingestId.toString()));
    }

    protected IngestOutcome ingest(NewLead lead) {
        return store().ingest(lead, lookup -> resolver.resolve(lead.contacts(), lookup));
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
        String phone = "+4479" + (10_000_000 + (int) (Math.random() * 89_999_999));
        IngestOutcome first = ingest(lead(unique("src"), email, phone));
        IngestOutcome sameEmail = ingest(lead(unique("src"), email, null));
        IngestOutcome samePhone = ingest(lead(unique("src"), null, phone));
        IngestOutcome stranger = ingest(lead(unique("src"), unique("bob") + "@example.com", null));

        assertThat(sameEmail.ohid()).isEqualTo(first.ohid());
        assertThat(samePhone.ohid()).isEqualTo(first.ohid());
        assertThat(stranger.ohid()).isNotEqualTo(first.ohid());
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

    @Test
    void appendedEventsCanBeReadBack() {
        UUID id = UUID.randomUUID();
        store().append(new NewWorkflowEvent(id, null, WorkflowEventType.CallCompleted.name(), Map.of("call_id", "c1"), "CLOUDTALK"));
        StoredEvent event = store().findEvent(id).orElseThrow();
        assertThat(event.ohid()).isNull();
        assertThat(event.eventType()).isEqualTo("CallCompleted");
        assertThat(event.payload()).containsEntry("call_id", "c1");
        assertThat(event.sourceSystem()).isEqualTo("CLOUDTALK");
        assertThat(event.occurredAt()).isNotNull();
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
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            Set<T> answers = new HashSet<>();
            for (Future<T> f : futures) {
                answers.add(f.get(60, TimeUnit.SECONDS));
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }
}
