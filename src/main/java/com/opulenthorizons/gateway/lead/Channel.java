package com.opulenthorizons.gateway.lead;

/** How the lead reached us. The names are stored as they are in {@code channel}. */
public enum Channel {
    META_LEAD_AD, WEB_FORM, INBOUND_CALL, OUTBOUND_CALL, CRM, SOCIAL
}
