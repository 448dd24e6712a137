package com.opulenthorizons.gateway.store;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Everything the store holds on one person, read in one snapshot.
 *
 * @param ohid the OHID asked for
 * @param mergedInto the surviving OHID when {@code ohid} was absorbed by a merge (the rest is then the survivor's), or null
 * @param forgotten the tombstone when the person was forgotten (the lists are then empty), or null
 * @param leads newest first, at most {@link PersonStore#LEAD_LIMIT}
 * @param consent the entries record_consent wrote, newest first
 * @param events one page of the person's workflow events, newest first
 * @param next where the next page of events starts, when there is one
 * @param sharedPhones other people whose leads carry one of this person's phones
 */
public record PersonRecord(UUID ohid, UUID mergedInto, Tombstone forgotten, List<StoredLead> leads,
        List<RecordedConsent> consent, List<StoredEvent> events, Optional<EventCursor> next, List<SharedPhone> sharedPhones) {

    public PersonRecord {
        leads = List.copyOf(leads);
        consent = List.copyOf(consent);
        events = List.copyOf(events);
        sharedPhones = List.copyOf(sharedPhones);
    }

    /**
     * The record of a person from what was read: empty when nothing is known of them, and one
     * page of events from {@code eventRows}, read as {@code eventLimit + 1} rows (the extra one
     * only says that there is a next page).
     */
    static Optional<PersonRecord> of(UUID ohid, UUID mergedInto, List<StoredLead> leads, List<RecordedConsent> consent,
            List<StoredEvent> eventRows, int eventLimit, List<SharedPhone> sharedPhones) {
        if (leads.isEmpty() && consent.isEmpty() && eventRows.isEmpty() && mergedInto == null) {
            return Optional.empty();
        }
        boolean more = eventRows.size() > eventLimit;
        List<StoredEvent> page = more ? eventRows.subList(0, eventLimit) : eventRows;
        Optional<EventCursor> next = more
                ? Optional.of(new EventCursor(page.get(eventLimit - 1).occurredAt(), page.get(eventLimit - 1).id()))
                : Optional.empty();
        return Optional.of(new PersonRecord(ohid, mergedInto, null, leads, consent, page, next, sharedPhones));
    }

    static PersonRecord forgotten(UUID ohid, UUID mergedInto, Tombstone tombstone) {
        return new PersonRecord(ohid, mergedInto, tombstone, List.of(), List.of(), List.of(), Optional.empty(), List.of());
    }

    /** The OHID whose data this is: the survivor of a merge, or the one asked for. */
    public UUID effectiveOhid() {
        return mergedInto == null ? ohid : mergedInto;
    }
}
