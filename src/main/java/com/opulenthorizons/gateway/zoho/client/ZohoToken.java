package com.opulenthorizons.gateway.zoho.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** A Zoho access token and when it expires; no expiry for a static token. Never shows its value. */
public final class ZohoToken {

    private final String value;
    private final Instant expiresAt;

    /** @param expiresAt when Zoho says it expires, or null for a static token */
    public ZohoToken(String value, Instant expiresAt) {
        this.value = value;
        this.expiresAt = expiresAt;
    }

    /** The {@code Authorization} header value. */
    public String header() {
        return "Zoho-oauthtoken " + value;
    }

    public Optional<Instant> expiresAt() {
        return Optional.ofNullable(expiresAt);
    }

    /** Whether it expires within {@code margin} from now (or has expired); never for a static token. */
    public boolean expiresWithin(Duration margin, Clock clock) {
        return expiresAt != null && !clock.instant().isBefore(expiresAt.minus(margin));
    }

    public boolean isExpired(Clock clock) {
        return expiresWithin(Duration.ZERO, clock);
    }

    @Override
    public String toString() {
        return "ZohoToken[expiresAt=" + expiresAt + "]"; // never the value
    }
}
