package com.opulenthorizons.gateway.person;

import java.util.List;
import java.util.UUID;

import com.opulenthorizons.gateway.common.Description;

/** A person as get_person and the person://{ohid} resource show them. */
public record PersonView(
        @Description("The OHID asked for (or found by email or phone)") UUID ohid,
        @Description("The surviving OHID, when this one was absorbed by a merge; the rest is the survivor's") UUID mergedInto,
        @Description("The tombstone, when the person was forgotten; everything else is then empty") ForgottenView forgotten,
        @Description("Known names, newest first") List<String> names,
        @Description("Known emails, newest first") List<String> emails,
        @Description("Known phones (E.164), newest first") List<String> phones,
        @Description("Marketing consent: the current state and the history") ConsentView consent,
        @Description("The person's leads, newest first (up to 100)") List<LeadView> leads,
        @Description("One page of the person's workflow events, newest first") List<TimelineEvent> events,
        @Description("Pass as cursor for the next page of events; left out on the last page") String nextCursor,
        @Description("Other OHIDs that may be the same person, with the reason; merge_people merges them") List<MergeSuggestion> mergeSuggestions) {
}
