package com.opulenthorizons.gateway.person;

import com.opulenthorizons.gateway.store.ConsentState;

/** What record_consent can record: a grant or a withdrawal. */
public enum ConsentDecision {
    GRANTED, WITHDRAWN;

    ConsentState state() {
        return ConsentState.valueOf(name());
    }
}
