package com.opulenthorizons.gateway.events;

import java.util.UUID;

import com.opulenthorizons.gateway.common.Description;

/**
 * Either the echo of a verification {@code challenge}, or {@code {event_id, accepted: true}} for
 * a stored event. Absent parts are left out of the JSON.
 */
public record NotionEventResult(
        @Description("The echoed challenge, for a verification request") String challenge,
        @Description("The stored workflow event's id") UUID eventId,
        @Description("True when the event was stored") Boolean accepted) {

    public static NotionEventResult challengeEcho(String challenge) {
        return new NotionEventResult(challenge, null, null);
    }

    public static NotionEventResult stored(UUID eventId) {
        return new NotionEventResult(null, eventId, true);
    }
}
