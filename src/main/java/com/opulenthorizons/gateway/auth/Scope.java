package com.opulenthorizons.gateway.auth;

import java.util.Arrays;
import java.util.Optional;

/** What a caller may do, as a token's {@code scope} claim or an API key's entry names it. */
public enum Scope {
    LEADS_READ("leads:read"),
    LEADS_WRITE("leads:write"),
    EVENTS_WRITE("events:write"),
    EVENTS_READ("events:read"),
    EVENTS_REPLAY("events:replay"),
    ZOHO_READ("zoho:read"),
    ZOHO_WRITE("zoho:write"),
    /** Changes to a person as a whole: consent decisions and merges. */
    PEOPLE_WRITE("people:write"),
    /** Erasing a person (forget_person): irreversible, so granted apart from every other write. */
    PEOPLE_ERASE("people:erase"),
    /** The gateway's own state: store and Zoho status, with hosts and errors. */
    GATEWAY_ADMIN("gateway:admin");

    private final String wireName;

    Scope(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<Scope> fromWireName(String name) {
        return Arrays.stream(values()).filter(s -> s.wireName.equals(name)).findFirst();
    }
}
