package com.opulenthorizons.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import com.opulenthorizons.gateway.Concurrently;
import com.opulenthorizons.gateway.common.ErrorKind;
import com.opulenthorizons.gateway.common.GatewayFailure;
import com.opulenthorizons.gateway.common.InvalidArgumentException;
import com.opulenthorizons.gateway.events.CallEventService;
import com.opulenthorizons.gateway.events.CloudTalkEventRequest;
import com.opulenthorizons.gateway.lead.BlockedIdentifiers;
import com.opulenthorizons.gateway.lead.Channel;
import com.opulenthorizons.gateway.lead.ContactNormalizer;
import com.opulenthorizons.gateway.lead.LeadIngestRequest;
import com.opulenthorizons.gateway.lead.LeadIngestService;
import com.opulenthorizons.gateway.lead.OhidResolver;
import com.opulenthorizons.gateway.lead.SourceSystem;
import com.opulenthorizons.gateway.person.ConsentDecision;
import com.opulenthorizons.gateway.person.GetPersonRequest;
import com.opulenthorizons.gateway.person.LeadView;
import com.opulenthorizons.gateway.person.PersonService;
import com.opulenthorizons.gateway.person.PersonView;
import com.opulenthorizons.gateway.person.RecordConsentRequest;
import com.opulenthorizons.gateway.person.SearchAdmission;
import com.opulenthorizons.gateway.person.SearchBusyException;
import com.opulenthorizons.gateway.person.SearchLeadsRequest;
import com.opulenthorizons.gateway.person.SearchLeadsResult;
import com.opulenthorizons.gateway.testing.ShippedBlocklist;
import com.opulenthorizons.gateway.testing.ValidLead;

/**
 * What every store does for people (get_person, record_consent, search_leads), through the
 * services an agent's tool calls reach. Each store's test extends this class.
 */
public abstract class PersonStoreContract {

    /** The business's own line, blocked by OWN_PHONE_NUMBERS. */
    static final String OWN_LINE = "+442079460000";

    protected abstract LeadStore store();

    protected final ContactNormalizer normalizer = new ContactNormalizer("GB");
    protected final BlockedIdentifiers blocked = ShippedBlocklist.with(normalizer, OWN_LINE);

    protected LeadIngestService leads() {
        return new LeadIngestService(store(), normalizer, blocked, new OhidResolver());
    }

    protected PersonService people() {
        return people(1000);
    }

    /** The services with {@code countLimit} and search slots as shipped (2, waiting up to 2 s). */
    protected PersonService people(int countLimit) {
        return new PersonService(store(), normalizer, blocked, new OhidResolver(), countLimit, shippedSearchSlots());
    }

    protected static SearchAdmission shippedSearchSlots() {
        return new SearchAdmission(2, 2000);
    }

    protected static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    protected static String newPhone() {
        return ValidLead.newMobile();
    }

    protected static LeadIngestRequest lead(SourceSystem source, Channel channel, String first, String last, String email,
            String phone, boolean consent, String location, String freeText) {
        return new LeadIngestRequest(source, unique("src"), channel, first, last, consent, email, phone, "500k-700k", location,
                "apartment", freeText, consent ? "web form tick box" : null, null);
    }

    protected UUID ingest(String first, String email, String phone, boolean consent) {
        return leads().ingest(lead(SourceSystem.WEB, Channel.WEB_FORM, first, "Smith", email, phone, consent, "Bondi", null))
                .ohid();
    }

    protected void call(String phone, String direction, String recordingUrl) {
        new CallEventService(store(), normalizer, blocked).process(new CloudTalkEventRequest("call.ended", unique("call"),
                direction, "inbound".equals(direction) ? phone : OWN_LINE, "inbound".equals(direction) ? OWN_LINE : phone,
                recordingUrl, null));
    }

    protected PersonView person(UUID ohid) {
        return people().get(new GetPersonRequest(ohid, null, null, null, null));
    }

    @Test
    void getPersonShowsContactsLeadsAndTimelineNewestFirst() {
        String email = unique("ann") + "@example.com";
        String phone = newPhone();
        UUID ohid = ingest("Ann", email, null, true);
        leads().ingest(lead(SourceSystem.META, Channel.META_LEAD_AD, "Annie", "Smith", email.toUpperCase(), phone, true,
                "Manly", "two bedrooms near the beach"));
        call(phone, "inbound", "https://recordings.example/1.mp3");

        PersonView p = person(ohid);

        assertThat(p.ohid()).isEqualTo(ohid);
        assertThat(p.names()).containsExactly("Annie Smith", "Ann Smith");
        assertThat(p.emails()).containsExactly(email);
        assertThat(p.phones()).containsExactly(phone);
        assertThat(p.leads()).extracting(LeadView::sourceSystem).containsExactly("META", "WEB");
        assertThat(p.leads().get(0).freeText()).isEqualTo("two bedrooms near the beach");
        assertThat(p.events()).extracting(e -> e.type()).containsExactly("CallCompleted", "LeadIngested",
                "LeadIngested"); // the first lead's grant travels in its LeadIngested
        assertThat(p.events().get(0).direction()).isEqualTo("inbound");
        assertThat(p.events().get(0).recordingUrl()).isEqualTo("https://recordings.example/1.mp3");
        assertThat(p.mergedInto()).isNull();
        assertThat(p.forgotten()).isNull();
    }

    @Test
    void getPersonFindsThePersonByEmailOrPhoneAsIngestDoes() {
        String email = unique("bo") + "@example.com";
        String phone = "+4420" + (10_000_000 + (int) (Math.random() * 89_999_999));
        UUID ohid = ingest("Bo", email, phone, false);

        assertThat(people().get(new GetPersonRequest(null, "  " + email.toUpperCase(), null, null, null)).ohid()).isEqualTo(ohid);
        assertThat(people().get(new GetPersonRequest(null, null, "020 " + phone.substring(5), null, null)).ohid())
                .isEqualTo(ohid);
        assertThatThrownBy(() -> people().get(new GetPersonRequest(null, unique("nobody") + "@example.com", null, null, null)))
                .isInstanceOf(GatewayFailure.class).hasMessage("email: no person has this email")
                .extracting(e -> ((GatewayFailure) e).errorKind()).isEqualTo(ErrorKind.NOT_FOUND);
        assertThatThrownBy(() -> person(UUID.randomUUID())).isInstanceOf(PersonStateException.class)
                .hasMessageContaining("no person has the OHID");
    }

    @Test
    void theTimelineIsPagedByCursorWithoutGapsOrRepeats() {
        String phone = newPhone();
        UUID ohid = ingest("Cy", null, phone, false);
        for (int i = 0; i < 6; i++) { // with the lead's LeadIngested, seven
            call(phone, i % 2 == 0 ? "inbound" : "outbound", null);
        }
        List<UUID> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            PersonView page = people().get(new GetPersonRequest(ohid, null, null, cursor, 3));
            assertThat(page.events()).hasSizeLessThanOrEqualTo(3);
            page.events().forEach(e -> seen.add(e.id()));
            cursor = page.nextCursor();
            pages++;
        } while (cursor != null);
        assertThat(pages).isEqualTo(3);
        assertThat(seen).hasSize(7).doesNotHaveDuplicates();
    }

    @Test
    void aWithdrawalWinsOverOlderGrantsAndALeadWithoutConsentTakesNothingBack() throws Exception {
        String email = unique("di") + "@example.com";
        UUID ohid = ingest("Di", email, null, true);
        assertThat(person(ohid).consent().state()).isEqualTo(ConsentState.GRANTED);

        var withdrawn = people().recordConsent(new RecordConsentRequest(ohid, ConsentDecision.WITHDRAWN, "unsubscribe link"));
        assertThat(withdrawn.state()).isEqualTo(ConsentState.WITHDRAWN);
        Thread.sleep(2); // the next lead must be newer than the withdrawal, to the millisecond
        ingest("Di", email, null, false);

        PersonView p = person(ohid);
        assertThat(p.consent().state()).isEqualTo(ConsentState.WITHDRAWN);
        assertThat(p.consent().source()).isEqualTo("unsubscribe link");
        assertThat(p.consent().history()).extracting(e -> e.state())
                .containsExactly(ConsentState.NOT_GIVEN, ConsentState.WITHDRAWN, ConsentState.GRANTED);
        assertThat(p.consent().history().get(1).recordedBy()).isEqualTo("unidentified");
        assertThat(p.events()).extracting(e -> e.type()).contains("ConsentChanged");
        assertThat(p.events().stream().filter(e -> e.type().equals("ConsentChanged")).findFirst().orElseThrow().details())
                .containsEntry("state", "WITHDRAWN");

        people().recordConsent(new RecordConsentRequest(ohid, ConsentDecision.GRANTED, "phone call"));
        assertThat(person(ohid).consent().state()).isEqualTo(ConsentState.GRANTED);
    }

    @Test
    void consentCannotBeRecordedForAnUnknownPerson() {
        assertThatThrownBy(() -> people().recordConsent(new RecordConsentRequest(UUID.randomUUID(), ConsentDecision.GRANTED, "x")))
                .isInstanceOf(PersonStateException.class).extracting(e -> ((GatewayFailure) e).errorKind())
                .isEqualTo(ErrorKind.NOT_FOUND);
    }

    @Test
    void blockedIdentifiersAreStoredButJoinNoOne() {
        UUID first = ingest("Ed", "test@test.com", OWN_LINE, true);
        UUID second = ingest("Flo", "NoReply@agency.example", "0000000000", true);
        UUID third = ingest("Gus", "test@test.com", "+44 20 7946 0000", true);

        assertThat(Set.of(first, second, third)).hasSize(3);
        PersonView ed = person(first);
        assertThat(ed.emails()).containsExactly("test@test.com");
        assertThat(ed.phones()).containsExactly(OWN_LINE);
        assertThat(ed.mergeSuggestions()).isEmpty();
        assertThatThrownBy(() -> people().get(new GetPersonRequest(null, "test@test.com", null, null, null)))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("blocked");
        assertThat(store().lookup().byEmail("test@test.com")).isEmpty();
    }

    @Test
    void peopleSharingAPhoneAreSuggestedForAMergeButNotMerged() {
        String phone = newPhone();
        UUID ann = ingest("Ann", unique("ann") + "@example.com", phone, true);
        String bobEmail = unique("bob") + "@example.com";
        UUID bob = ingest("Bob", bobEmail, null, true);
        // Bob's email wins over Ann's phone: the lead is Bob's, and the phone is now on both people's leads
        assertThat(ingest("Bob", bobEmail, phone, true)).isEqualTo(bob);

        assertThat(bob).isNotEqualTo(ann);
        assertThat(person(ann).mergeSuggestions()).singleElement().satisfies(s -> {
            assertThat(s.ohid()).isEqualTo(bob);
            assertThat(s.reason()).contains(phone);
        });
        assertThat(person(bob).mergeSuggestions()).extracting(s -> s.ohid()).containsExactly(ann);
    }

    // --- search_leads -------------------------------------------------------------------------

    protected SearchLeadsResult search(SourceSystem source, String text, Boolean calledBack, Instant from, String cursor,
            Integer limit) {
        return people().search(new SearchLeadsRequest(source, null, from == null ? null : from.toString(), null, text,
                calledBack, cursor, limit));
    }

    @Test
    void searchFiltersBySourceTimeTextAndCallsAfterTheLead() {
        Instant start = Instant.now().minusMillis(5);
        String word = "w" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String calledPhone = newPhone();
        leads().ingest(lead(SourceSystem.META, Channel.META_LEAD_AD, "Hal", "Jones", null, calledPhone, true, "Coogee",
                "wants " + word + " garden"));
        leads().ingest(lead(SourceSystem.META, Channel.META_LEAD_AD, "Ivy", "Jones", null, newPhone(), true, "Coogee",
                "also " + word));
        leads().ingest(lead(SourceSystem.WEB, Channel.WEB_FORM, "Jo", "Jones", null, newPhone(), true, "Coogee", word));
        call(calledPhone, "outbound", null);

        assertThat(search(SourceSystem.META, word, null, start, null, null).leads()).extracting(LeadView::name)
                .containsExactly("Ivy Jones", "Hal Jones");
        assertThat(search(null, word.substring(0, 8).toUpperCase(), null, start, null, null).total()).isEqualTo(3);
        assertThat(search(null, word + " garden", null, start, null, null).leads()).extracting(LeadView::name)
                .containsExactly("Hal Jones");
        assertThat(search(SourceSystem.META, word, true, start, null, null).leads()).extracting(LeadView::name)
                .containsExactly("Hal Jones");
        assertThat(search(SourceSystem.META, word, false, start, null, null).leads()).extracting(LeadView::name)
                .containsExactly("Ivy Jones");
        assertThat(search(null, word, null, Instant.now().plusSeconds(60), null, null).leads()).isEmpty();
    }

    @Test
    void searchPagesAreStableWhileLeadsAreInserted() throws Exception {
        String word = "p" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        Set<UUID> before = new HashSet<>();
        for (int i = 0; i < 25; i++) {
            before.add(leads().ingest(lead(SourceSystem.WEB, Channel.WEB_FORM, "P" + i, "Page", null, null, false, null, word))
                    .ingestId());
        }
        AtomicBoolean paging = new AtomicBoolean(true);
        List<UUID> seen = new ArrayList<>();
        List<Integer> pages = Concurrently.run(2, index -> {
            if (index == 0) {
                int inserted = 0;
                while (paging.get()) {
                    leads().ingest(lead(SourceSystem.WEB, Channel.WEB_FORM, "New", "Page", null, null, false, null, word));
                    inserted++;
                }
                return inserted;
            }
            String cursor = null;
            int n = 0;
            SearchLeadsResult first = search(null, word, null, null, null, 4);
            cursor = first.nextCursor();
            first.leads().forEach(l -> seen.add(l.ingestId()));
            while (cursor != null) {
                SearchLeadsResult page = search(null, word, null, null, cursor, 4);
                page.leads().forEach(l -> seen.add(l.ingestId()));
                cursor = page.nextCursor();
                n++;
            }
            paging.set(false);
            return n;
        });
        assertThat(pages.get(1)).isPositive();
        assertThat(seen).doesNotHaveDuplicates();
        assertThat(seen).containsAll(before);
    }

    @Test
    void searchCapsThePageAndCountsTheTotal() {
        String word = "c" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        for (int i = 0; i < 5; i++) {
            leads().ingest(lead(SourceSystem.WEB, Channel.WEB_FORM, "C" + i, "Count", null, null, false, null, word));
        }
        SearchLeadsResult page = search(null, word, null, null, null, 2);
        assertThat(page.leads()).hasSize(2);
        assertThat(page.total()).isEqualTo(5);
        assertThat(page.totalExact()).isTrue();
        assertThat(page.nextCursor()).isNotNull();
        PersonService capped = people(3);
        SearchLeadsResult bounded = capped.search(new SearchLeadsRequest(null, null, null, null, word, null, null, 2));
        assertThat(bounded.total()).isEqualTo(3);
        assertThat(bounded.totalExact()).isFalse();
    }

    @Test
    void aSearchWaitsForItsTurnAndIsRefusedAsBusyWhenNoneComes() throws InterruptedException {
        String word = "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        leads().ingest(lead(SourceSystem.WEB, Channel.WEB_FORM, "Turn", "Taker", null, null, false, null, word));
        SearchAdmission oneSlot = new SearchAdmission(1, 100);
        PersonService people = new PersonService(store(), normalizer, blocked, new OhidResolver(), 1000, oneSlot);
        CountDownLatch slotTaken = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread other = new Thread(() -> oneSlot.admit(() -> {
            slotTaken.countDown();
            try {
                return release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }));
        other.start();
        assertThat(slotTaken.await(10, TimeUnit.SECONDS)).isTrue();
        SearchLeadsRequest request = new SearchLeadsRequest(null, null, null, null, word, null, null, 10);
        assertThatThrownBy(() -> people.search(request)).isInstanceOf(SearchBusyException.class)
                .hasMessageContaining("SEARCH_CONCURRENCY").hasMessageContaining("retry");
        release.countDown();
        other.join(10_000);
        assertThat(people.search(request).leads()).hasSize(1); // the slot came back
    }
}
