package com.opulenthorizons.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.opulenthorizons.gateway.lead.Channel;
import com.opulenthorizons.gateway.lead.SourceSystem;
import com.opulenthorizons.gateway.person.LeadView;

/**
 * search_leads' has_call_after_lead as every store answers it, whichever came first: the lead or
 * the call, a merge that brings another person's calls, or a call looked up before the person was
 * merged or forgotten. PostgreSQL marks the leads when it stores them (PostgresEventAppender); the
 * in-memory store compares times when it searches; both answer the same.
 */
public abstract class CallsAfterLeadsContract extends PersonEventsContract {

    /** The leads of this search word, newest first, with the calls-after filter. */
    private List<String> namesOf(String word, Instant from, boolean calledBack) {
        return search(SourceSystem.META, word, calledBack, from, null, null).leads().stream().map(LeadView::name).toList();
    }

    private UUID metaLead(String first, String email, String phone, String word) {
        return leads().ingest(lead(SourceSystem.META, Channel.META_LEAD_AD, first, "Lane", email, phone, true, "Coogee",
                "wants " + word)).ohid();
    }

    private static String newWord() {
        return "w" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    @Test
    void aCallCountsForTheLeadsBeforeItAndNotForALaterOne() {
        Instant start = Instant.now().minusMillis(5);
        String word = newWord();
        String phone = newPhone();
        UUID ohid = metaLead("Ada", null, phone, word);
        call(phone, "outbound", null);
        assertThat(metaLead("Ben", null, phone, word)).isEqualTo(ohid);

        assertThat(namesOf(word, start, true)).containsExactly("Ada Lane");
        assertThat(namesOf(word, start, false)).containsExactly("Ben Lane");
        call(phone, "inbound", null);
        assertThat(namesOf(word, start, true)).containsExactly("Ben Lane", "Ada Lane");
        assertThat(namesOf(word, start, false)).isEmpty();
        // the same without words: the search walks the source index alone (the leads since start are this test's)
        assertThat(search(SourceSystem.META, null, true, start, null, null).leads()).extracting(LeadView::name)
                .containsExactly("Ben Lane", "Ada Lane");
        assertThat(search(SourceSystem.META, null, false, start, null, null).total()).isZero();
    }

    @Test
    void aMergeLetsTheAbsorbedPersonsCallsCountForTheSurvivorsEarlierLeads() {
        Instant start = Instant.now().minusMillis(5);
        String word = newWord();
        String absorbedPhone = newPhone();
        UUID survivor = metaLead("Cal", unique("cal") + "@example.com", newPhone(), word);
        UUID absorbed = metaLead("Dee", unique("dee") + "@example.com", absorbedPhone, word);
        call(absorbedPhone, "inbound", null);
        assertThat(namesOf(word, start, false)).containsExactly("Cal Lane");

        merge(survivor, absorbed);

        assertThat(namesOf(word, start, true)).containsExactly("Dee Lane", "Cal Lane");
        assertThat(namesOf(word, start, false)).isEmpty();
    }

    /** A call is linked by looking its number up first: the person may be merged or forgotten before it is stored. */
    @Test
    void aCallLookedUpBeforeAMergeGoesToTheSurvivorAndOneBeforeAnErasureToNoOne() {
        Instant start = Instant.now().minusMillis(5);
        String word = newWord();
        UUID survivor = metaLead("Eve", unique("eve") + "@example.com", newPhone(), word);
        UUID absorbed = metaLead("Fay", unique("fay") + "@example.com", newPhone(), word);
        merge(survivor, absorbed);
        UUID late = UUID.randomUUID();

        store().append(callOf(late, absorbed));

        assertThat(store().findEvent(late).orElseThrow().ohid()).isEqualTo(survivor);
        assertThat(namesOf(word, start, true)).containsExactly("Fay Lane", "Eve Lane");
        UUID forgotten = metaLead("Gus", unique("gus") + "@example.com", newPhone(), newWord());
        forget(forgotten);
        UUID afterErasure = UUID.randomUUID();
        store().append(callOf(afterErasure, forgotten));
        assertThat(store().findEvent(afterErasure).orElseThrow().ohid()).isNull();
    }

    /** A CloudTalk call of {@code ohid} as the webhook appends it, with a dedup key of its own. */
    protected static NewWorkflowEvent callOf(UUID id, UUID ohid) {
        return new NewWorkflowEvent(id, ohid, WorkflowEventType.CallCompleted.name(), Map.of("direction", "inbound"),
                "CLOUDTALK", "cloudtalk:test:" + id, "c-" + id);
    }
}
