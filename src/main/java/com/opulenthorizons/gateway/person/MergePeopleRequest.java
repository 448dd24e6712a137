package com.opulenthorizons.gateway.person;

import java.util.UUID;

import com.opulenthorizons.gateway.common.Description;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Two OHIDs that are one person: the absorbed one's leads, events and consent become the survivor's. */
public record MergePeopleRequest(
        @Description("The OHID that remains") @NotNull UUID survivingOhid,
        @Description("The OHID that is absorbed; it resolves to the survivor from now on") @NotNull UUID absorbedOhid,
        @Description("Why they are one person, e.g. 'same caller, confirmed on the phone'") @NotBlank @Size(max = 500) String reason) {
}
