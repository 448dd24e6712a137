package com.opulenthorizons.gateway.events;

import java.util.Map;

import com.opulenthorizons.gateway.common.Description;

import jakarta.validation.constraints.NotNull;

/** A Notion webhook body, relayed whole. */
public record NotionEventRequest(@Description("The Notion webhook body") @NotNull Map<String, Object> payload) {
}
