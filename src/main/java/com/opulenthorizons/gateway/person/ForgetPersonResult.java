package com.opulenthorizons.gateway.person;

import java.util.UUID;

import com.opulenthorizons.gateway.common.Description;

/** The tombstone that remains of a forgotten person. */
public record ForgetPersonResult(
        @Description("The forgotten OHID") UUID ohid,
        @Description("When the person was forgotten, ISO-8601") String forgottenAt,
        @Description("Who asked for it") String forgottenBy,
        @Description("Why") String reason,
        @Description("false when the person had been forgotten before: nothing changed") boolean erasedNow) {
}
