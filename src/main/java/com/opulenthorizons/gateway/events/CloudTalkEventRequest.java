package com.opulenthorizons.gateway.events;

import java.util.Map;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** One CloudTalk call event, as the MCP tool and the webhook receiver get it. */
public record CloudTalkEventRequest(
        @NotBlank @Size(max = 100) String eventType,
        @NotBlank @Size(max = 255) String callId,
        @NotBlank @Size(max = 20) String direction,
        @NotBlank @Size(max = 40) String fromNumber,
        @NotBlank @Size(max = 40) String toNumber,
        @Size(max = 2048) String recordingUrl,
        Map<String, Object> raw) {
}
