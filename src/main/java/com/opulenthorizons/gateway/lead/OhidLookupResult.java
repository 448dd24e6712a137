package com.opulenthorizons.gateway.lead;

import java.util.UUID;

/** {@code {ohid, found: true}} or {@code {found: false}} (ohid is then left out). */
public record OhidLookupResult(UUID ohid, boolean found) {

    public static OhidLookupResult of(UUID ohid) {
        return ohid == null ? new OhidLookupResult(null, false) : new OhidLookupResult(ohid, true);
    }
}
