package com.opulenthorizons.gateway.person;

import com.opulenthorizons.gateway.common.Description;
import com.opulenthorizons.gateway.store.Tombstone;

/** The tombstone of a forgotten person. */
public record ForgottenView(
        @Description("When the person was forgotten, ISO-8601") String forgottenAt,
        @Description("Who asked for it (the caller's name)") String forgottenBy,
        @Description("Why") String reason) {

    static ForgottenView of(Tombstone t) {
        return new ForgottenView(t.forgottenAt().toString(), t.forgottenBy(), t.reason());
    }
}
