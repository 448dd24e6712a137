package com.opulenthorizons.gateway.store;

/** Which store backs the gateway; the wire names appear in status://pipeline and readiness. */
public enum StoreType {
    POSTGRES("postgres"), IN_MEMORY("in-memory");

    private final String wireName;

    StoreType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
