package com.opulenthorizons.gateway.events;

import java.util.Map;

import jakarta.validation.constraints.NotNull;

/** A Notion webhook body, relayed whole. */
public record NotionEventRequest(@NotNull Map<String, Object> payload) {
}
