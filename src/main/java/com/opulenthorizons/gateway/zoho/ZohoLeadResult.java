package com.opulenthorizons.gateway.zoho;

import java.util.Map;

/** {@code {found: true, lead}} with Zoho's record as Zoho names its fields, or {@code {found: false, error}}. */
public record ZohoLeadResult(boolean found, Map<String, Object> lead, String error) {

    public static ZohoLeadResult found(Map<String, Object> lead) {
        return new ZohoLeadResult(true, lead, null);
    }

    public static ZohoLeadResult notFound(String id) {
        return new ZohoLeadResult(false, null, "Zoho has no lead with id " + id);
    }
}
