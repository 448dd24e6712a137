package com.opulenthorizons.gateway.zoho;

/** Answer of upsert_zoho_lead: the Zoho id and whether Zoho inserted or updated it. */
public record ZohoUpsertResult(boolean success, String zohoLeadId, String action) {
}
