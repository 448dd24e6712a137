package com.opulenthorizons.gateway.common;

import java.time.DateTimeException;
import java.time.Instant;

/** An instant a caller wrote as ISO-8601 text, the way every tool's time filters take it. */
public final class IsoInstant {

    private IsoInstant() {
    }

    /**
     * The instant, or null for a blank or absent text.
     *
     * @throws InvalidArgumentException naming {@code field} when the text is not an ISO-8601 instant
     */
    public static Instant parse(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(text.trim());
        } catch (DateTimeException e) {
            throw new InvalidArgumentException(field, "must be an ISO-8601 instant such as 2026-01-31T00:00:00Z");
        }
    }
}
