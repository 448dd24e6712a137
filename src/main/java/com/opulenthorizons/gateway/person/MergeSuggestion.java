package com.opulenthorizons.gateway.person;

import java.util.UUID;

import com.opulenthorizons.gateway.common.Description;

/** Another OHID that may be the same person; the agent decides, the gateway never merges by itself. */
public record MergeSuggestion(
        @Description("The other person's OHID") UUID ohid,
        @Description("Why they may be the same person") String reason) {
}
