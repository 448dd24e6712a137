package com.opulenthorizons.gateway.store;

import java.util.List;

/** The kinds of workflow event; the names are stored as they are in {@code event_type}. */
public enum WorkflowEventType {
    LeadIngested, CallReceived, CallCompleted, NotionEvent,
    /** A person's marketing consent was recorded (record_consent). */
    ConsentChanged,
    /** A person was erased (forget_person): erase them downstream too. */
    PersonForgotten,
    /** One OHID was absorbed into another (merge_people). */
    PeopleMerged,
    /** A Meta lead ad notification whose lead could not be fetched from the Graph API, for good (until replayed). */
    MetaLeadFetchFailed;

    /** The source system of the events the gateway raises itself (consent, erasure, merge). */
    public static final String GATEWAY_SOURCE = "GATEWAY";

    /** The calls, which answer search_leads' has_call_after_lead (sql/V23 and V24 name them too). */
    public static final List<WorkflowEventType> CALLS = List.of(CallReceived, CallCompleted);

    /** Whether events of this stored type are {@link #CALLS}. */
    public static boolean isCall(String eventType) {
        return CALLS.stream().anyMatch(t -> t.name().equals(eventType));
    }
}
