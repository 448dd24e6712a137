package com.opulenthorizons.gateway.zoho;

import com.opulenthorizons.gateway.common.Description;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Arguments of upsert_zoho_lead (Zoho's field limits). {@code source_attribution} goes into Description. */
public record ZohoUpsertRequest(
        @Description("Family name (Zoho's Last_Name)") @NotBlank @Size(max = 80) String lastName,
        @Description("Email; an existing Zoho lead with it is updated") @Email @Size(max = 100) String email,
        @Description("Phone number") @Size(max = 30) String phone,
        @Description("Given name") @Size(max = 40) String firstName,
        @Description("Company") @Size(max = 200) String company,
        @Description("Zoho's Lead_Source, e.g. Web, Facebook") @Size(max = 120) String leadSource,
        @Description("Where the lead came from; stored in Description") @Size(max = 2000) String sourceAttribution) {
}
