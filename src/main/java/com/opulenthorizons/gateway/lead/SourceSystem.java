package com.opulenthorizons.gateway.lead;

/** Systems a lead can come from. The names are stored as they are in {@code source_system}. */
public enum SourceSystem {
    META, WEB, CLOUDTALK, ZOHO_CRM, ZOHO_SOCIAL
}
