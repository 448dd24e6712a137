package com.opulenthorizons.gateway.store;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * Where a page of events ended: the last event's {@code (occurred_at, id)}, the order the pages
 * are sorted by (newest first). Its text form is opaque to callers.
 */
public record EventCursor(Instant occurredAt, UUID id) {

    /** The opaque text form handed to callers. */
    public String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((occurredAt + "|" + id).getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor of a text from {@link #encode()}; empty when the text is not one. */
    public static Optional<EventCursor> decode(String text) {
        try {
            String plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
            int bar = plain.indexOf('|');
            if (bar < 0) {
                return Optional.empty();
            }
            return Optional.of(new EventCursor(Instant.parse(plain.substring(0, bar)), UUID.fromString(plain.substring(bar + 1))));
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            // not a cursor of ours: the caller is told so
            return Optional.empty();
        }
    }

    /**
     * Whether an event sorts after this cursor, newest first: older, or as old with a smaller id.
     * Ids compare as PostgreSQL compares uuids (byte by byte, as their text does), not as {@link UUID#compareTo}.
     */
    public boolean isBefore(Instant otherOccurredAt, UUID otherId) {
        int byTime = otherOccurredAt.compareTo(occurredAt);
        return byTime < 0 || (byTime == 0 && otherId.toString().compareTo(id.toString()) < 0);
    }
}
