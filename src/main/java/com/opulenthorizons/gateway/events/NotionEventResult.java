package com.opulenthorizons.gateway.events;

import java.util.UUID;

/**
 * Either the echo of a verification {@code challenge}, or {@code {event_id, accepted: true}} for
 * a stored event. Absent parts are left out of the JSON.
 */
public record NotionEventResult(String challenge, UUID eventId, Boolean accepted) {

    public static NotionEventResult challengeEcho(String challenge) {
        return new NotionEventResult(challenge, null, null);
    }

    public static NotionEventResult stored(UUID eventId) {
        return new NotionEventResult(null, eventId, true);
    }
}
