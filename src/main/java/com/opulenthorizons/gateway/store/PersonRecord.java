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

    static PersonRecord forgotten(UUID ohid, UUID mergedInto, Tombstone tombstone) {
        return new PersonRecord(ohid, mergedInto, tombstone, List.of(), List.of(), List.of(), Optional.empty(), List.of());
    }

    /** The OHID whose data this is: the survivor of a merge, or the one asked for. */
    public UUID effectiveOhid() {
        return mergedInto == null ? ohid : mergedInto;
    }
}
