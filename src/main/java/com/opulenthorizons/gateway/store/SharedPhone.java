package com.opulenthorizons.gateway.store;

import java.util.UUID;

/** Another person whose leads carry one of this person's phones: a merge the agent may consider. */
public record SharedPhone(String phone, UUID ohid) {
}
