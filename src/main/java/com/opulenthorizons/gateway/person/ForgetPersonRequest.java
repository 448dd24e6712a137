package com.opulenthorizons.gateway.person;

import java.util.UUID;

import com.opulenthorizons.gateway.common.Description;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Whom to erase, and why (kept in the tombstone, with emails and phones in it replaced: write no personal data here). */
public record ForgetPersonRequest(
        @Description("The person's OHID") @NotNull UUID ohid,
        @Description("Why, e.g. 'GDPR Art. 17 request 2026-12-01, ticket 4411'; kept with the tombstone, so no personal data; "
                + "emails and phone numbers written in it are stored as <email> and <phone>")
        @NotBlank @Size(max = 500) String reason) {
}
