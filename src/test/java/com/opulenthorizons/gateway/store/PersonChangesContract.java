package com.opulenthorizons.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.opulenthorizons.gateway.Concurrently;
import com.opulenthorizons.gateway.common.ErrorKind;
import com.opulenthorizons.gateway.common.GatewayFailure;
import com.opulenthorizons.gateway.lead.Channel;
import com.opulenthorizons.gateway.lead.SourceSystem;
import com.opulenthorizons.gateway.person.ConsentDecision;
import com.opulenthorizons.gateway.person.ForgetPersonRequest;
import com.opulenthorizons.gateway.person.ForgetPersonResult;
import com.opulenthorizons.gateway.person.MergePeopleRequest;
import com.opulenthorizons.gateway.person.MergePeopleResult;
import com.opulenthorizons.gateway.person.PersonView;
import com.opulenthorizons.gateway.person.RecordConsentRequest;

/**
 * What every store does when a person changes as a whole: forget_person and merge_people, with
 * the reads of {@link PersonStoreContract}. Each store's test extends this class.
 */
public abstract class PersonChangesContract extends PersonStoreContract {

    protected ForgetPersonResult forget(UUID ohid) {
        return people().forget(new ForgetPersonRequest(ohid, "erasure request, ticket 4411"));
    }

    protected MergePeopleResult merge(UUID surviving, UUID absorbed) {
        return people().merge(new MergePeopleRequest(surviving, absorbed, "same person, confirmed on the phone"));
    }

    /** The person's events as the outbox will send them. */
    private List<StoredEvent> eventsOf(UUID ohid) {
        return store().listEvents(new EventQuery(null, null, ohid, null, null, null, 100)).events().stream()
                .map(e -> store().findEvent(e.id()).orElseThrow()).toList();
    }

    // --- forget_person ------------------------------------------------------------------------

    @Test
    void aForgottenPersonLeavesATombstoneAndTheirContactsStartANewPerson() {
        String email = unique("zoe") + "@example.com";
        String phone = newPhone();
        UUID ohid = ingest("Zoe", email, phone, true);
        call(phone, "inbound", "https://recordings.example/zoe.mp3");

        ForgetPersonResult forgotten = forget(ohid);

        assertThat(forgotten.erasedNow()).isTrue();
        assertThat(forgotten.forgottenBy()).isEqualTo("unidentified");
        PersonView p = person(ohid);
        assertThat(p.forgotten()).isNotNull();
        assertThat(p.forgotten().reason()).isEqualTo("erasure request, ticket 4411");
        assertThat(p.names()).isEmpty();
        assertThat(p.leads()).isEmpty();
        assertThat(store().lookup().byEmail(email)).isEmpty();
        assertThat(store().lookup().byPhone(phone)).isEmpty();
        UUID again = ingest("Zoe", email, phone, true);
        assertThat(again).isNotEqualTo(ohid);
        assertThat(person(again).leads()).hasSize(1);
    }

    @Test
    void forgettingRedactsEventsNotYetDeliveredAndSendsPersonForgotten() {
        String phone = newPhone();
        UUID ohid = ingest("Yan", unique("yan") + "@example.com", phone, true);
        call(phone, "inbound", "https://recordings.example/yan.mp3");

        forget(ohid);

        List<StoredEvent> pending = eventsOf(ohid);
        assertThat(pending).allSatisfy(e -> assertThat(e.deliveryStatus()).isEqualTo(DeliveryStatus.PENDING));
        assertThat(pending).extracting(StoredEvent::eventType)
                .containsExactlyInAnyOrder("LeadIngested", "CallCompleted", "PersonForgotten");
        pending.stream().filter(e -> !e.eventType().equals("PersonForgotten"))
                .forEach(e -> assertThat(e.payload()).isEqualTo(Map.of("redacted", true)));
        assertThat(pending.stream().filter(e -> e.eventType().equals("PersonForgotten")).findFirst().orElseThrow().payload()
                .toString()).doesNotContain(phone.substring(1));
    }

    @Test
    void forgettingIsIdempotentAndRefusesAnUnknownPerson() {
        UUID ohid = ingest("Xi", unique("xi") + "@example.com", null, true);
        ForgetPersonResult first = forget(ohid);
        ForgetPersonResult second = forget(ohid);
        assertThat(second.erasedNow()).isFalse();
        assertThat(second.forgottenAt()).isEqualTo(first.forgottenAt());
        assertThatThrownBy(() -> forget(UUID.randomUUID())).isInstanceOf(PersonStateException.class)
                .extracting(e -> ((GatewayFailure) e).errorKind()).isEqualTo(ErrorKind.NOT_FOUND);
        assertThatThrownBy(() -> people().recordConsent(new RecordConsentRequest(ohid, ConsentDecision.GRANTED, "x")))
                .isInstanceOf(PersonStateException.class).hasMessageContaining("forgotten");
    }

    // --- merge_people -------------------------------------------------------------------------

    @Test
    void aMergeMovesLeadsEventsAndConsentAndTheAbsorbedOhidResolvesToTheSurvivor() {
        String phone = newPhone();
        String bobEmail = unique("bob") + "@example.com";
        UUID survivor = ingest("Ann", unique("ann") + "@example.com", null, true);
        UUID absorbed = ingest("Bob", bobEmail, phone, false);
        call(phone, "outbound", null);
        people().recordConsent(new RecordConsentRequest(absorbed, ConsentDecision.WITHDRAWN, "asked on the phone"));

        MergePeopleResult merged = merge(survivor, absorbed);

        assertThat(merged.mergedNow()).isTrue();
        PersonView s = person(survivor);
        assertThat(s.names()).containsExactlyInAnyOrder("Ann Smith", "Bob Smith");
        assertThat(s.leads()).hasSize(2).allSatisfy(l -> assertThat(l.ohid()).isEqualTo(survivor));
        assertThat(s.events()).extracting(e -> e.type()).contains("CallCompleted", "ConsentChanged", "PeopleMerged");
        assertThat(s.consent().state()).isEqualTo(ConsentState.WITHDRAWN);
        PersonView a = person(absorbed);
        assertThat(a.mergedInto()).isEqualTo(survivor);
        assertThat(a.leads()).hasSize(2);
        assertThat(store().lookup().byEmail(bobEmail)).contains(survivor);
        assertThat(store().lookup().byPhone(phone)).contains(survivor);
        assertThat(ingest("Bob", bobEmail, null, true)).isEqualTo(survivor);
        assertThat(merge(survivor, absorbed).mergedNow()).isFalse();
    }

    @Test
    void aMergeRefusesTheSamePersonAChainOrAForgottenPerson() {
        UUID a = ingest("A", unique("a") + "@example.com", null, true);
        UUID b = ingest("B", unique("b") + "@example.com", null, true);
        UUID c = ingest("C", unique("c") + "@example.com", null, true);
        assertThatThrownBy(() -> merge(a, a)).isInstanceOf(PersonStateException.class).hasMessageContaining("absorb themselves");
        merge(a, b);
        assertThatThrownBy(() -> merge(b, c)).hasMessageContaining("surviving_ohid: was itself merged into " + a);
        assertThatThrownBy(() -> merge(c, b)).hasMessageContaining("absorbed_ohid: was already merged into " + a);
        assertThatThrownBy(() -> forget(b)).hasMessageContaining("was merged into " + a);
        forget(c);
        assertThatThrownBy(() -> merge(a, c)).hasMessageContaining("forgotten");
        // a chain stays one hop: a, absorbed into d, takes b with it
        UUID d = ingest("D", unique("d") + "@example.com", null, true);
        merge(d, a);
        assertThat(person(b).mergedInto()).isEqualTo(d);
    }

    @Test
    void concurrentIngestsWhileMergingAllEndUnderTheSurvivor() throws Exception {
        String phone = newPhone();
        String absorbedEmail = unique("race") + "@example.com";
        UUID survivor = ingest("Sur", unique("sur") + "@example.com", null, true);
        UUID absorbed = ingest("Abs", absorbedEmail, phone, true);

        List<UUID> answers = Concurrently.run(17, i -> {
            if (i == 0) {
                merge(survivor, absorbed);
                return survivor;
            }
            // half by the absorbed email, half by a new email with the absorbed phone (the phone finds them)
            return i % 2 == 0 ? ingest("Abs", absorbedEmail, null, true) : ingest("Abs", null, phone, true);
        });

        assertThat(Set.copyOf(answers)).isSubsetOf(survivor, absorbed);
        PersonView s = person(survivor);
        assertThat(s.leads()).hasSize(18).allSatisfy(l -> assertThat(l.ohid()).isEqualTo(survivor));
        assertThat(store().lookup().byEmail(absorbedEmail)).contains(survivor);
        assertThat(store().lookup().byPhone(phone)).contains(survivor);
        assertThat(searchAll(absorbed)).isEmpty();
    }

    /** Every lead that still carries {@code ohid}, as a search over the whole store sees it. */
    private Set<UUID> searchAll(UUID ohid) {
        return store().searchLeads(new LeadSearch(SourceSystem.WEB.name(), Channel.WEB_FORM.name(), null, null, List.of(), null,
                null, 100_000, 1)).leads().stream().map(StoredLead::ohid).filter(ohid::equals).collect(Collectors.toSet());
    }
}
