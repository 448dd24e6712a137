package com.opulenthorizons.gateway.zoho;

import java.util.Map;

import com.opulenthorizons.gateway.common.Description;

/** {@code {found: true, lead}} with Zoho's record as Zoho names its fields, or {@code {found: false, error}}. */
public record ZohoLeadResult(
        @Description("Whether Zoho has the lead") boolean found,
        @Description("The Zoho record, when found") Map<String, Object> lead,
        @Description("Why there is no lead, when not found") String error) {

    public static ZohoLeadResult found(Map<String, Object> lead) {
        return new ZohoLeadResult(true, lead, null);
    }

    public static ZohoLeadResult notFound(String id) {
        return new ZohoLeadResult(false, null, "Zoho has no lead with id " + id);
    }
}
