package com.opulenthorizons.gateway.zoho;

import com.opulenthorizons.gateway.common.Description;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/** Arguments of get_zoho_lead. */
public record ZohoLeadRequest(
        @Description("The Zoho lead's id (digits)") @NotBlank @Pattern(regexp = ZOHO_ID, message = ZOHO_ID_RULE) String leadId) {

    /** Zoho record ids are long numbers; nothing else may reach the request path. */
    static final String ZOHO_ID = "[0-9]{1,30}";
    static final String ZOHO_ID_RULE = "must be a Zoho record id (digits only)";
}
