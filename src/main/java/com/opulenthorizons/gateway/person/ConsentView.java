package com.opulenthorizons.gateway.person;

import java.util.List;

import com.opulenthorizons.gateway.common.Description;
import com.opulenthorizons.gateway.store.ConsentState;

/**
 * A person's marketing consent: the newest GRANTED or WITHDRAWN entry decides (so a withdrawal
 * wins over every older grant); a lead without consent (NOT_GIVEN) takes nothing back. With no
 * decision at all, NOT_GIVEN.
 */
public record ConsentView(
        @Description("The current state") ConsentState state,
        @Description("When the deciding entry was made, ISO-8601") String since,
        @Description("The deciding entry's source") String source,
        @Description("Every entry, newest first") List<ConsentEntry> history) {
}
