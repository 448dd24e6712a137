package com.opulenthorizons.gateway.zoho;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Arguments of upsert_zoho_lead (Zoho's field limits). {@code source_attribution} goes into Description. */
public record ZohoUpsertRequest(
        @NotBlank @Size(max = 80) String lastName,
        @Email @Size(max = 100) String email,
        @Size(max = 30) String phone,
        @Size(max = 40) String firstName,
        @Size(max = 200) String company,
        @Size(max = 120) String leadSource,
        @Size(max = 2000) String sourceAttribution) {
}
