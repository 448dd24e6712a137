package com.opulenthorizons.gateway.person;

import java.util.UUID;

import com.opulenthorizons.gateway.common.Description;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** A consent decision to add to a person's history. */
public record RecordConsentRequest(
        @Description("The person's OHID (an absorbed OHID records under its survivor)") @NotNull UUID ohid,
        @Description("GRANTED or WITHDRAWN") @NotNull ConsentDecision state,
        @Description("Where it was said, e.g. 'phone call 2026-12-01' or 'unsubscribe link'") @NotBlank @Size(max = 200) String source) {
}
