package com.opulenthorizons.gateway.person;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.logging.Logger;
import java.util.regex.Pattern;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.opulenthorizons.gateway.common.Correlation;
import com.opulenthorizons.gateway.common.InvalidArgumentException;
import com.opulenthorizons.gateway.common.IsoInstant;
import com.opulenthorizons.gateway.common.Origin;
import com.opulenthorizons.gateway.lead.BlockedIdentifiers;
import com.opulenthorizons.gateway.lead.ContactKeys;
import com.opulenthorizons.gateway.lead.ContactNormalizer;
import com.opulenthorizons.gateway.lead.OhidResolver;
import com.opulenthorizons.gateway.store.ConsentState;
import com.opulenthorizons.gateway.store.EventCursor;
import com.opulenthorizons.gateway.store.ForgetOutcome;
import com.opulenthorizons.gateway.store.MergeOutcome;
import com.opulenthorizons.gateway.store.LeadPage;
import com.opulenthorizons.gateway.store.LeadSearch;
import com.opulenthorizons.gateway.store.LeadStore;
import com.opulenthorizons.gateway.store.PersonRecord;
import com.opulenthorizons.gateway.store.PersonStateException;
import com.opulenthorizons.gateway.store.RecordedConsent;
import com.opulenthorizons.gateway.store.StoredLead;
import com.opulenthorizons.gateway.store.Tombstone;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** People as agents see them: read, searched, their consent recorded, forgotten and merged. Knows nothing of MCP. */
@ApplicationScoped
public class PersonService {

    private static final Logger LOG = Logger.getLogger(PersonService.class.getName());
    private static final Pattern NOT_A_WORD_CHAR = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final int MAX_WORDS = 8;

    private LeadStore store;
    private ContactNormalizer normalizer;
    private BlockedIdentifiers blocked;
    private OhidResolver resolver;
    private int countLimit;
    private int textCandidates;
    private SearchAdmission admission;

    protected PersonService() {
        // for CDI proxies
    }

    @Inject
    public PersonService(LeadStore store, ContactNormalizer normalizer, BlockedIdentifiers blocked, OhidResolver resolver,
            @ConfigProperty(name = "SEARCH_COUNT_LIMIT") int countLimit,
            @ConfigProperty(name = "SEARCH_TEXT_CANDIDATES") int textCandidates, SearchAdmission admission) {
        this.store = store;
        this.normalizer = normalizer;
        this.blocked = blocked;
        this.resolver = resolver;
        this.countLimit = countLimit;
        this.textCandidates = textCandidates;
        this.admission = admission;
    }

    /** With SEARCH_TEXT_CANDIDATES as shipped, and searches admitted as {@code admission} says. */
    public PersonService(LeadStore store, ContactNormalizer normalizer, BlockedIdentifiers blocked, OhidResolver resolver,
            int countLimit, SearchAdmission admission) {
        this(store, normalizer, blocked, resolver, countLimit, LeadSearch.DEFAULT_TEXT_CANDIDATES, admission);
    }

    public PersonView get(GetPersonRequest request) {
        UUID ohid = request.ohid() != null ? request.ohid() : ohidOf(request);
        EventCursor after = request.cursor() == null ? null : EventCursor.decode(request.cursor())
                .orElseThrow(() -> new InvalidArgumentException("cursor", "is not a next_cursor of get_person"));
        PersonRecord person = store.person(ohid, after, request.limitOrDefault())
                .orElseThrow(() -> PersonStateException.unknown(ohid));
        return view(person);
    }

    /** An OHID written in a resource URI. */
    public static UUID ohid(String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidArgumentException("ohid", "must be a UUID");
        }
    }

    /** The OHID behind an email or phone, found as ingest finds it; blocked values identify no one. */
    private UUID ohidOf(GetPersonRequest request) {
        String field = request.email() != null ? "email" : "phone";
        ContactKeys keys = normalizer.keys(request.email(), request.phone());
        if (blocked.identityKeys(keys).isEmpty()) {
            throw new InvalidArgumentException(field, "is a blocked placeholder value, which identifies no one");
        }
        return resolver.find(keys, store.lookup()).orElseThrow(() -> PersonStateException.noneWith(field));
    }

    static PersonView view(PersonRecord p) {
        if (p.forgotten() != null) {
            return new PersonView(p.ohid(), p.mergedInto(), ForgottenView.of(p.forgotten()), List.of(), List.of(), List.of(),
                    null, List.of(), List.of(), null, List.of());
        }
        List<LeadView> leads = p.leads().stream().map(LeadView::of).toList();
        List<MergeSuggestion> suggestions = p.sharedPhones().stream()
                .map(s -> new MergeSuggestion(s.ohid(), "shares the phone " + s.phone() + " with this person's leads"))
                .toList();
        return new PersonView(p.ohid(), p.mergedInto(), null, distinct(leads, LeadView::name), distinct(leads, LeadView::email),
                distinct(leads, LeadView::phone), consent(p), leads, p.events().stream().map(TimelineEvent::of).toList(),
                p.next().map(EventCursor::encode).orElse(null), suggestions);
    }

    private static List<String> distinct(List<LeadView> newestFirst, Function<LeadView, String> field) {
        Set<String> values = new LinkedHashSet<>();
        newestFirst.stream().map(field).filter(v -> v != null).forEach(values::add);
        return List.copyOf(values);
    }

    /** Every lead's consent and every recorded decision, newest first; at the same instant a withdrawal first. */
    static ConsentView consent(PersonRecord p) {
        record Entry(ConsentEntry view, Instant at) {
        }
        List<Entry> entries = new ArrayList<>();
        for (StoredLead lead : p.leads()) {
            Map<String, Object> c = lead.consent() == null ? Map.of() : lead.consent();
            ConsentState state = Boolean.TRUE.equals(c.get("marketing_consent")) ? ConsentState.GRANTED : ConsentState.NOT_GIVEN;
            entries.add(new Entry(new ConsentEntry(state, LeadView.text(c, "consent_source"), lead.createdAt().toString(),
                    lead.id(), null), lead.createdAt()));
        }
        for (RecordedConsent r : p.consent()) {
            entries.add(new Entry(new ConsentEntry(r.state(), r.source(), r.recordedAt().toString(), null, r.recordedBy()),
                    r.recordedAt()));
        }
        entries.sort(Comparator.comparing(Entry::at).reversed()
                .thenComparing(e -> e.view().state() == ConsentState.WITHDRAWN ? 0 : 1));
        List<ConsentEntry> history = entries.stream().map(Entry::view).toList();
        return history.stream().filter(e -> e.state() != ConsentState.NOT_GIVEN).findFirst()
                .map(d -> new ConsentView(d.state(), d.at(), d.source(), history))
                .orElseGet(() -> new ConsentView(ConsentState.NOT_GIVEN, null, null, history));
    }

    public RecordConsentResult recordConsent(RecordConsentRequest request) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("state", request.state().name());
        payload.put("source", request.source());
        Origin.addTo(payload);
        RecordedConsent entry = store.recordConsent(request.ohid(), request.state().state(), request.source(), callerName(),
                payload, Correlation.current().orElseGet(Correlation::newId));
        return new RecordConsentResult(entry.ohid(), entry.state(), entry.recordedAt().toString());
    }

    /** Erases the person; the tombstone keeps who asked (the caller) and why, without emails or phones. */
    public ForgetPersonResult forget(ForgetPersonRequest request) {
        // the reason is kept for good: emails and phones written in it are not
        ForgetOutcome outcome = store.forget(request.ohid(), callerName(), normalizer.withoutContacts(request.reason()),
                gatewayEventPayload(),
                Correlation.current().orElseGet(Correlation::newId));
        Tombstone t = outcome.tombstone();
        LOG.info("forget_person: " + t.ohid() + (outcome.erased() ? " forgotten by " + t.forgottenBy() : " was already forgotten"));
        return new ForgetPersonResult(t.ohid(), t.forgottenAt().toString(), t.forgottenBy(), t.reason(), outcome.erased());
    }

    public MergePeopleResult merge(MergePeopleRequest request) {
        Map<String, Object> payload = gatewayEventPayload();
        payload.put("reason", request.reason());
        MergeOutcome outcome = store.merge(request.survivingOhid(), request.absorbedOhid(), callerName(), request.reason(),
                payload, Correlation.current().orElseGet(Correlation::newId));
        return new MergePeopleResult(outcome.survivingOhid(), outcome.absorbedOhid(), outcome.mergedAt().toString(),
                outcome.merged());
    }

    /** The payload of an event the gateway raises about a person: how the change came in, and no personal data. */
    private static Map<String, Object> gatewayEventPayload() {
        Map<String, Object> payload = new LinkedHashMap<>();
        Origin.addTo(payload);
        return payload;
    }

    public SearchLeadsResult search(SearchLeadsRequest request) {
        EventCursor after = request.cursor() == null ? null : EventCursor.decode(request.cursor())
                .orElseThrow(() -> new InvalidArgumentException("cursor", "is not a next_cursor of search_leads"));
        LeadSearch search = new LeadSearch(
                request.sourceSystem() == null ? null : request.sourceSystem().name(),
                request.channel() == null ? null : request.channel().name(),
                instant("created_from", request.createdFrom()), instant("created_before", request.createdBefore()),
                words(request.text()), request.hasCallAfterLead(), after, request.limitOrDefault(), countLimit, textCandidates);
        LeadPage page = admission.admit(() -> store.searchLeads(search));
        return new SearchLeadsResult(page.leads().stream().map(LeadView::of).toList(),
                page.next().map(EventCursor::encode).orElse(null), page.total(), page.totalExact(), page.scanBounded());
    }

    /** The words of a search text, lower-cased: letters and digits only, so they are safe in a tsquery. */
    static List<String> words(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        List<String> words = NOT_A_WORD_CHAR.splitAsStream(text.toLowerCase(Locale.ROOT)).filter(w -> !w.isEmpty())
                .distinct().toList();
        if (words.isEmpty()) {
            throw new InvalidArgumentException("text", "needs at least one letter or digit");
        }
        if (words.size() > MAX_WORDS) {
            throw new InvalidArgumentException("text", "may hold at most " + MAX_WORDS + " words");
        }
        return words;
    }

    static String callerName() {
        return Origin.current().map(Origin::caller).filter(c -> c != null && !c.isBlank()).orElse("unidentified");
    }

    private static Instant instant(String field, String text) {
        return IsoInstant.parse(field, text);
    }
}
