package com.opulenthorizons.gateway.zoho;

import java.util.UUID;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Arguments of sync_lead; snake_case on the wire. */
public record SyncLeadRequest(
        @NotBlank @Pattern(regexp = ZohoLeadRequest.ZOHO_ID, message = ZohoLeadRequest.ZOHO_ID_RULE) String zohoLeadId,
        @NotNull SyncDirection syncDirection,
        @Size(max = 100) String source,
        UUID propertyDbLeadId) {

    @AssertTrue(message = "property_db_lead_id is required for outbound and bidirectional sync")
    public boolean isPropertyDbLeadIdGivenWhenNeeded() {
        return syncDirection == null || !syncDirection.includesOutbound() || propertyDbLeadId != null;
    }
}
