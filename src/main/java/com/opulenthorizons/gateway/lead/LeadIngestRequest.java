package com.opulenthorizons.gateway.lead;

import java.util.Map;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * One lead as a source delivers it. Component names are camelCase here and snake_case on the
 * wire ({@code source_lead_id}); contact fields arrive raw and are normalised by {@link ContactNormalizer}.
 */
public record LeadIngestRequest(
        @NotNull SourceSystem sourceSystem,
        @NotBlank @Size(max = 255) String sourceLeadId,
        @NotNull Channel channel,
        @NotBlank @Size(max = 200) String firstName,
        @NotBlank @Size(max = 200) String lastName,
        @NotNull Boolean marketingConsent,
        @Email @Size(max = 320) String email,
        @Size(max = 40) String phone,
        @Size(max = 100) String budgetRange,
        @Size(max = 200) String location,
        @Size(max = 100) String propertyType,
        @Size(max = 5000) String freeText,
        @Size(max = 200) String consentSource,
        Map<String, Object> rawPayload) {

    /** Contact details are trimmed first, so that " Ann@Example.com " is a valid, matching email. */
    public LeadIngestRequest {
        email = trimToNull(email);
        phone = trimToNull(phone);
    }

    static String trimToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
