package com.opulenthorizons.gateway.lead;

import com.opulenthorizons.gateway.common.Description;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Size;

/** Find a person's OHID by email and/or phone. */
public record OhidLookupRequest(
        @Description("Email address, matched case-insensitively") @Email @Size(max = 320) String email,
        @Description("Phone number, normalised to E.164 as on ingest") @Size(max = 40) String phone) {

    public OhidLookupRequest {
        email = LeadIngestRequest.trimToNull(email);
        phone = LeadIngestRequest.trimToNull(phone);
    }

    @AssertTrue(message = "at least one of email or phone is required")
    public boolean isEmailOrPhone() {
        return email != null || phone != null;
    }
}
