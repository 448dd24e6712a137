package com.opulenthorizons.gateway.webhook;

import com.opulenthorizons.gateway.common.DefaultValue;
import com.opulenthorizons.gateway.common.Description;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** A webhook body (as hex) and the signature that came with it. */
public record SignatureCheckRequest(
        @Description("The raw webhook body, hex-encoded") @NotBlank @Size(max = 1_000_000) String bodyHex,
        @Description("The signature header value: hex HMAC-SHA256 (Notion and Meta: sha256=<hex> too)") @NotBlank @Size(max = 200) String signature,
        @Description("Whose secret to check against") @DefaultValue("cloudtalk") WebhookSource source) {

    public WebhookSource sourceOrDefault() {
        return source == null ? WebhookSource.CLOUDTALK : source;
    }
}
