package com.opulenthorizons.gateway.zoho;

/** What Zoho did with an upsert, spelled as Zoho and our wire spell it. */
public enum ZohoWriteAction {
    insert, update;

    /** Zoho's {@code action} for a record it accepted; {@code null} when it gave none we know. */
    static ZohoWriteAction of(String zohoAction) {
        for (ZohoWriteAction action : values()) {
            if (action.name().equalsIgnoreCase(zohoAction == null ? "" : zohoAction.trim())) {
                return action;
            }
        }
        return null;
    }
}
