package com.opulenthorizons.gateway.store;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * People as the store keeps them: read with their leads, consent and timeline, searched, and
 * changed as a whole (consent recorded, forgotten, merged). Every change takes the locks an ingest
 * of the person's contact keys takes, so it never interleaves with one.
 */
public interface PersonStore {

    /** At most this many of a person's leads are read, newest first. */
    int LEAD_LIMIT = 100;

    /**
     * The person behind {@code ohid}, with one page of their events ({@code eventLimit} from
     * {@code after}); empty when the store has never seen the OHID.
     */
    Optional<PersonRecord> person(UUID ohid, EventCursor after, int eventLimit);

    /** A page of leads matching the search, filtered by the store, newest first. */
    LeadPage searchLeads(LeadSearch search);

    /**
     * Adds an entry to the person's consent history and a {@code ConsentChanged} event with
     * {@code eventPayload}, in one transaction. An absorbed OHID records under its survivor.
     *
     * @throws PersonStateException when the person is unknown or forgotten
     */
    RecordedConsent recordConsent(UUID ohid, ConsentState state, String source, String recordedBy,
            Map<String, Object> eventPayload, String correlationId);

    /**
     * Erases the person: their leads and consent entries are deleted, the payloads of their events
     * (and of events without a person that carry their email or phone) are replaced by
     * {@code {"redacted": true}} before any is delivered, and a tombstone and a
     * {@code PersonForgotten} event with {@code eventPayload} are written, in one transaction.
     * Later ingests of their email or phone start a new person. Forgetting again changes nothing.
     *
     * @throws PersonStateException when the person is unknown, or was absorbed by a merge (forget the survivor)
     */
    ForgetOutcome forget(UUID ohid, String forgottenBy, String reason, Map<String, Object> eventPayload, String correlationId);

    /**
     * Moves every lead, event and consent entry of {@code absorbed} to {@code surviving}, and
     * records that {@code absorbed} resolves to it, with a {@code PeopleMerged} event, in one
     * transaction that holds both people's ingest locks. Merging again changes nothing.
     *
     * @throws PersonStateException when either is unknown or forgotten, they are the same, or
     *     one of them was already absorbed elsewhere
     */
    MergeOutcome merge(UUID surviving, UUID absorbed, String mergedBy, String reason, Map<String, Object> eventPayload,
            String correlationId);
}
