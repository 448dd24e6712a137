package com.opulenthorizons.gateway.store;

/** The kinds of workflow event; the names are stored as they are in {@code event_type}. */
public enum WorkflowEventType {
    LeadIngested, CallReceived, CallCompleted, NotionEvent
}
