package com.opulenthorizons.gateway.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The in-memory store's people: consent entries, tombstones and merges, and the reads over its
 * leads and events. Used only under the {@link InMemoryLeadStore}'s lock, which also serialises
 * every change with every ingest.
 */
final class InMemoryPeople {

    /** Newest first, then the larger id first (as PostgreSQL orders uuids: by their text). */
    static final Comparator<StoredLead> NEWEST = Comparator.comparing(StoredLead::createdAt)
            .thenComparing(l -> l.id().toString()).reversed();
    private static final Pattern NOT_A_WORD_CHAR = Pattern.compile("[^\\p{L}\\p{N}]+");

    private final Map<UUID, List<RecordedConsent>> consent = new HashMap<>();
    final Map<UUID, Tombstone> tombstones = new HashMap<>();
    /** Absorbed OHID to its survivor, one hop. */
    final Map<UUID, UUID> survivors = new HashMap<>();
    final Map<UUID, Instant> mergedAt = new HashMap<>();

    void forgetConsent(UUID ohid) {
        consent.remove(ohid);
    }

    /** Records the merge; the absorbed person's consent entries are the survivor's now. Answers when. */
    Instant absorb(UUID absorbed, UUID surviving) {
        List<RecordedConsent> moved = consent.remove(absorbed);
        if (moved != null) {
            moved.forEach(e -> consent.computeIfAbsent(surviving, k -> new ArrayList<>())
                    .add(new RecordedConsent(surviving, e.state(), e.source(), e.recordedAt(), e.recordedBy())));
        }
        survivors.replaceAll((a, s) -> s.equals(absorbed) ? surviving : s);
        survivors.put(absorbed, surviving);
        Instant at = Instant.now();
        mergedAt.put(absorbed, at);
        return at;
    }

    Optional<PersonRecord> person(UUID ohid, Collection<StoredLead> allLeads, InMemoryOutbox outbox, EventCursor after,
            int eventLimit) {
        UUID mergedInto = survivors.get(ohid);
        UUID effective = mergedInto == null ? ohid : mergedInto;
        if (tombstones.containsKey(effective)) {
            return Optional.of(PersonRecord.forgotten(ohid, mergedInto, tombstones.get(effective)));
        }
        List<StoredLead> leads = allLeads.stream().filter(l -> l.ohid().equals(effective)).sorted(NEWEST)
                .limit(PersonStore.LEAD_LIMIT).toList();
        List<RecordedConsent> entries = consentOf(effective);
        List<StoredEvent> events = outbox.people().eventsOf(effective, after, eventLimit + 1);
        Set<String> phones = new LinkedHashSet<>();
        leads.forEach(l -> Optional.ofNullable(PostgresPeople.phoneOf(l)).ifPresent(phones::add));
        List<SharedPhone> shared = allLeads.stream().filter(l -> !l.ohid().equals(effective))
                .filter(l -> phones.contains(PostgresPeople.phoneOf(l)))
                .map(l -> new SharedPhone(PostgresPeople.phoneOf(l), l.ohid())).distinct().limit(20).toList();
        return PersonRecord.of(ohid, mergedInto, leads, entries, events, eventLimit, shared);
    }

    private List<RecordedConsent> consentOf(UUID ohid) {
        List<RecordedConsent> entries = new ArrayList<>(consent.getOrDefault(ohid, List.of()));
        entries.sort(Comparator.comparing(RecordedConsent::recordedAt).reversed());
        return entries;
    }

    boolean exists(UUID ohid, Collection<StoredLead> leads, InMemoryOutbox outbox) {
        return leads.stream().anyMatch(l -> l.ohid().equals(ohid)) || !outbox.people().eventsOf(ohid, null, 1).isEmpty();
    }

    /** The OHID that answers for {@code ohid}, checked to be known and not forgotten. */
    UUID liveOhid(UUID ohid, Collection<StoredLead> leads, InMemoryOutbox outbox) {
        UUID effective = survivors.getOrDefault(ohid, ohid);
        if (tombstones.containsKey(effective)) {
            throw PersonStateException.forgotten(ohid);
        }
        if (!exists(effective, leads, outbox)) {
            throw PersonStateException.unknown(ohid);
        }
        return effective;
    }

    /**
     * Whether a lead of a known person, granting or not, changes their current consent: the rule of
     * PostgreSQL's ingest (sql/V15) and of PersonService. Only a grant can, when the newest GRANTED or
     * WITHDRAWN entry is not a grant (a withdrawal wins a tie); a person's first entry always does,
     * which the caller knows.
     */
    boolean consentChangedBy(UUID ohid, boolean grants, Collection<StoredLead> leads) {
        if (!grants) {
            return false;
        }
        Instant grantedByLead = leads.stream().filter(l -> l.ohid().equals(ohid))
                .filter(l -> l.consent() != null && Boolean.TRUE.equals(l.consent().get("marketing_consent")))
                .map(StoredLead::createdAt).max(Comparator.naturalOrder()).orElse(null);
        RecordedConsent recorded = consentOf(ohid).stream().findFirst().orElse(null);
        if (recorded != null && (grantedByLead == null || !recorded.recordedAt().isBefore(grantedByLead))) {
            boolean withdrawnAtOnce = consentOf(ohid).stream().anyMatch(r -> r.state() == ConsentState.WITHDRAWN
                    && r.recordedAt().equals(recorded.recordedAt()));
            return withdrawnAtOnce || recorded.state() != ConsentState.GRANTED;
        }
        return grantedByLead == null;
    }

    RecordedConsent addConsent(UUID ohid, ConsentState state, String source, String recordedBy) {
        RecordedConsent entry = new RecordedConsent(ohid, state, source, Instant.now(), recordedBy);
        consent.computeIfAbsent(ohid, k -> new ArrayList<>()).add(entry);
        return entry;
    }

    /** As PostgreSQL searches (PostgresLeadSearch), text searches bounded by their candidates too. */
    LeadPage search(LeadSearch s, Collection<StoredLead> allLeads, InMemoryOutbox outbox) {
        List<StoredLead> indexed = allLeads.stream().filter(l -> indexedMatch(s, l)).sorted(NEWEST).toList();
        if (s.words().isEmpty()) {
            List<StoredLead> matches = indexed.stream().filter(l -> otherMatch(s, l, outbox)).toList();
            List<StoredLead> rows = matches.stream().filter(l -> s.after() == null || s.after().isBefore(l.createdAt(), l.id()))
                    .limit(s.limit() + 1L).toList();
            return LeadPage.of(rows, s.limit(), Math.min(matches.size(), s.countLimit() + 1L), s.countLimit());
        }
        List<StoredLead> candidates = indexed.stream()
                .filter(l -> s.after() == null || s.after().isBefore(l.createdAt(), l.id())).limit(s.textCandidates()).toList();
        List<StoredLead> rows = candidates.stream().filter(l -> otherMatch(s, l, outbox)).limit(s.limit() + 1L).toList();
        StoredLead last = candidates.size() >= s.textCandidates() ? candidates.get(candidates.size() - 1) : null;
        List<StoredLead> counted = indexed.stream().limit(s.textCandidates()).toList();
        return LeadPage.bounded(rows, s.limit(), counted.stream().filter(l -> otherMatch(s, l, outbox)).count(),
                counted.size() < s.textCandidates(), s.countLimit(), last == null ? null : new EventCursor(last.createdAt(), last.id()));
    }

    private static boolean indexedMatch(LeadSearch s, StoredLead l) {
        return (s.sourceSystem() == null || s.sourceSystem().equals(l.sourceSystem()))
                && (s.channel() == null || s.channel().equals(l.channel()))
                && (s.from() == null || !l.createdAt().isBefore(s.from()))
                && (s.to() == null || l.createdAt().isBefore(s.to()));
    }

    private static boolean otherMatch(LeadSearch s, StoredLead l, InMemoryOutbox outbox) {
        return (s.words().isEmpty() || hasWordPrefixes(l, s.words()))
                && (s.hasCallAfterLead() == null
                        || s.hasCallAfterLead() == outbox.people().hasCallAtOrAfter(l.ohid(), l.createdAt()));
    }

    /** As PostgreSQL's 'simple' text search with prefix terms: every query word starts some word of the lead. */
    private static boolean hasWordPrefixes(StoredLead lead, List<String> words) {
        Map<String, Object> p = lead.payload();
        List<Object> parts = new ArrayList<>();
        if (p.get("person") instanceof Map<?, ?> person) {
            parts.add(person.get("first_name"));
            parts.add(person.get("last_name"));
        }
        parts.add(p.get("location"));
        parts.add(p.get("property_type"));
        parts.add(p.get("free_text"));
        StringBuilder text = new StringBuilder();
        parts.stream().filter(o -> o != null).forEach(o -> text.append(o).append(' '));
        List<String> leadWords = List.of(NOT_A_WORD_CHAR.split(text.toString().toLowerCase(Locale.ROOT)));
        return words.stream().allMatch(w -> leadWords.stream().anyMatch(lw -> lw.startsWith(w)));
    }
}
