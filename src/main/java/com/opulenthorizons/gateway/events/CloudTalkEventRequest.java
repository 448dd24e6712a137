package com.opulenthorizons.gateway.events;

import java.util.Map;

import com.opulenthorizons.gateway.common.Description;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** One CloudTalk call event, as the MCP tool and the webhook receiver get it. */
public record CloudTalkEventRequest(
        @Description("CloudTalk event, e.g. call.started, call.ringing, call.ended") @NotBlank @Size(max = 100) String eventType,
        @Description("CloudTalk call id") @NotBlank @Size(max = 255) String callId,
        @Description("inbound or outbound") @NotBlank @Size(max = 20) String direction,
        @Description("Calling number") @NotBlank @Size(max = 40) String fromNumber,
        @Description("Called number") @NotBlank @Size(max = 40) String toNumber,
        @Description("Recording URL, when CloudTalk has one") @Size(max = 2048) String recordingUrl,
        @Description("CloudTalk's original event, stored as is") Map<String, Object> raw) {
}
