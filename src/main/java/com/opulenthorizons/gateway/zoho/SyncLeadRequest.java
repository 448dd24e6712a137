package com.opulenthorizons.gateway.zoho;

import java.util.UUID;

import com.opulenthorizons.gateway.common.Description;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Arguments of sync_lead; snake_case on the wire. */
public record SyncLeadRequest(
        @Description("The Zoho lead's id (digits)")
        @NotBlank @Pattern(regexp = ZohoLeadRequest.ZOHO_ID, message = ZohoLeadRequest.ZOHO_ID_RULE) String zohoLeadId,
        @Description("inbound: Zoho to the gateway (ingested, gets an OHID); outbound: the local lead to Zoho (upsert, "
                + "Email as duplicate check); bidirectional: both, in that order")
        @NotNull SyncDirection syncDirection,
        @Description("Who asks for the sync, e.g. n8n; outbound, it becomes Lead_Source") @Size(max = 100) String source,
        @Description("Ingest id of the local lead; required for outbound and bidirectional") UUID propertyDbLeadId) {

    @AssertTrue(message = "property_db_lead_id is required for outbound and bidirectional sync")
    public boolean isPropertyDbLeadIdGivenWhenNeeded() {
        return syncDirection == null || !syncDirection.includesOutbound() || propertyDbLeadId != null;
    }
}
