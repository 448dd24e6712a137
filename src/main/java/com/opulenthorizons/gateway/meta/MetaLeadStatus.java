package com.opulenthorizons.gateway.meta;

/** Where a Meta lead notification stands; the names are stored as they are in {@code meta_lead_inbox.status}. */
public enum MetaLeadStatus {
    PENDING, INGESTED, FAILED
}
