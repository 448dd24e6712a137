package com.opulenthorizons.gateway.webhook;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** A webhook body (as hex) and the signature that came with it. */
public record SignatureCheckRequest(
        @NotBlank @Size(max = 1_000_000) String bodyHex,
        @NotBlank @Size(max = 200) String signature,
        @Size(max = 20) String source) {

    public WebhookSource sourceOrDefault() {
        return source == null || source.isBlank() ? WebhookSource.CLOUDTALK : WebhookSource.fromWireName(source);
    }
}
