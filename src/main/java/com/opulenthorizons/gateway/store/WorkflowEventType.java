package com.opulenthorizons.gateway.store;

/** The kinds of workflow event; the names are stored as they are in {@code event_type}. */
public enum WorkflowEventType {
    LeadIngested, CallReceived, CallCompleted, NotionEvent,
    /** A Meta lead ad notification whose lead could not be fetched from the Graph API, for good (until replayed). */
    MetaLeadFetchFailed
}
