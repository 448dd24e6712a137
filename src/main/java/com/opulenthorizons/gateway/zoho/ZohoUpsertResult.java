package com.opulenthorizons.gateway.zoho;

import com.opulenthorizons.gateway.common.Description;

import jakarta.validation.constraints.NotNull;

/** Answer of upsert_zoho_lead: the Zoho id and whether Zoho inserted or updated it. */
public record ZohoUpsertResult(
        @Description("Always true; a refusal is a tool error naming the field") boolean success,
        @Description("The Zoho lead's id") @NotNull String zohoLeadId,
        @Description("What Zoho did") @NotNull ZohoWriteAction action) {
}
