package com.opulenthorizons.gateway.lead;

import java.util.UUID;

import com.opulenthorizons.gateway.common.Description;

/** {@code {ohid, found: true}} or {@code {found: false}} (ohid is then left out). */
public record OhidLookupResult(
        @Description("The person's OHID, when found") UUID ohid,
        @Description("Whether a person was found") boolean found) {

    public static OhidLookupResult of(UUID ohid) {
        return ohid == null ? new OhidLookupResult(null, false) : new OhidLookupResult(ohid, true);
    }
}
