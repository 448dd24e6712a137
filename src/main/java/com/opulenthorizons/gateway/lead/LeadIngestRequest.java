package com.opulenthorizons.gateway.lead;

import java.util.Map;

import com.opulenthorizons.gateway.common.Description;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * One lead as a source delivers it. Component names are camelCase here and snake_case on the
 * wire ({@code source_lead_id}); contact fields arrive raw and are normalised by {@link ContactNormalizer}.
 */
public record LeadIngestRequest(
        @Description("System the lead came from") @NotNull SourceSystem sourceSystem,
        @Description("The lead's id in the source system; a replay of the same source_system and source_lead_id returns the first ingest's ids")
        @NotBlank @Size(max = 255) String sourceLeadId,
        @Description("How the lead reached us") @NotNull Channel channel,
        @Description("Given name") @NotBlank @Size(max = 200) String firstName,
        @Description("Family name") @NotBlank @Size(max = 200) String lastName,
        @Description("Whether the person agreed to marketing contact") @NotNull Boolean marketingConsent,
        @Description("Email address; matched case-insensitively to find the person") @Email @Size(max = 320) String email,
        @Description("Phone number, international (+44...) or national in the server's default region; matched in E.164 form")
        @Size(max = 40) String phone,
        @Description("Budget, as the source states it") @Size(max = 100) String budgetRange,
        @Description("Wanted location") @Size(max = 200) String location,
        @Description("Wanted property type") @Size(max = 100) String propertyType,
        @Description("The person's own words") @Size(max = 5000) String freeText,
        @Description("Where consent was captured") @Size(max = 200) String consentSource,
        @Description("The source's original payload, stored as is; at most 128 KiB of JSON by default (RAW_PAYLOAD_MAX_BYTES)") Map<String, Object> rawPayload) {

    /** Contact details are trimmed first, so that " Ann@Example.com " is a valid, matching email. */
    public LeadIngestRequest {
        email = trimToNull(email);
        phone = trimToNull(phone);
    }

    static String trimToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
