package com.opulenthorizons.gateway.webhook;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.opulenthorizons.gateway.common.CommaSeparated;

/**
 * When a failed delivery is tried again: after the waits of a schedule (its last wait repeats),
 * each spread by a random jitter so that events that failed together (a receiver outage) do not
 * all come back at the same instant, until the event is {@code retryFor} old. The last attempt
 * is made when the event is exactly that old, so a receiver that is down for less than
 * {@code retryFor} still gets the event.
 *
 * @param delays the waits after the first, second, ... failed attempt; the last one repeats
 * @param retryFor how long after the event occurred it is still attempted; then it is FAILED
 * @param jitter each wait is spread uniformly by up to this fraction of it, either way (0 to 1)
 * @param maxAttempts attempts after which the event is FAILED however young it is; 0 for no such cap
 */
public record RetryPolicy(List<Duration> delays, Duration retryFor, double jitter, int maxAttempts) {

    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    public RetryPolicy {
        delays = List.copyOf(delays);
        if (delays.isEmpty() || delays.stream().anyMatch(d -> d.isNegative() || d.isZero())) {
            throw new IllegalArgumentException("WEBHOOK_RETRY_SCHEDULE needs at least one wait, each longer than zero");
        }
        if (retryFor.isNegative() || retryFor.isZero()) {
            throw new IllegalArgumentException("WEBHOOK_RETRY_FOR must be longer than zero");
        }
        if (!(jitter >= 0 && jitter < 1)) {
            throw new IllegalArgumentException("WEBHOOK_RETRY_JITTER must be at least 0 and below 1, e.g. 0.2 for \u00b120 %");
        }
        if (maxAttempts < 0) {
            throw new IllegalArgumentException("WEBHOOK_MAX_ATTEMPTS must be 0 (no cap) or more");
        }
    }

    /** The policy of the settings' text forms, e.g. {@code "5s,30s,2m,1h"} and {@code "25h"}. */
    public static RetryPolicy parse(String schedule, String retryFor, double jitter, int maxAttempts) {
        List<Duration> delays = new ArrayList<>();
        for (String wait : CommaSeparated.values(schedule)) {
            delays.add(duration(wait, "WEBHOOK_RETRY_SCHEDULE"));
        }
        return new RetryPolicy(delays, duration(retryFor == null ? "" : retryFor.trim(), "WEBHOOK_RETRY_FOR"), jitter,
                maxAttempts);
    }

    /** {@code 250ms}, {@code 5s}, {@code 2m}, {@code 1h} or {@code 1d}. */
    public static Duration duration(String text, String setting) {
        Matcher m = DURATION.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException(setting + ": '" + text + "' is not a duration such as 500ms, 5s, 2m, 1h or 1d");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }

    /** The wait, before jitter, after {@code failedAttempts} failed attempts (1 or more). */
    public Duration delayAfter(int failedAttempts) {
        return delays.get(Math.min(Math.max(failedAttempts, 1), delays.size()) - 1);
    }

    /**
     * When to try again after {@code failedAttempts} failed attempts, the last one just now; empty
     * when the event has had its last attempt.
     *
     * @param random a uniform random number in [0, 1) that places the wait within the jitter
     */
    public Optional<Instant> nextAttempt(int failedAttempts, Instant occurredAt, Instant now, double random) {
        Instant deadline = occurredAt.plus(retryFor);
        if ((maxAttempts > 0 && failedAttempts >= maxAttempts) || !now.isBefore(deadline)) {
            return Optional.empty();
        }
        long wait = delayAfter(failedAttempts).toMillis();
        long spread = Math.round(wait * jitter * (2 * random - 1));
        Instant next = now.plusMillis(Math.max(1, wait + spread));
        return Optional.of(next.isAfter(deadline) ? deadline : next);
    }

    @Override
    public String toString() {
        return "retries after " + delays + " (last repeating, \u00b1" + Math.round(jitter * 100) + " %) for up to " + retryFor
                + (maxAttempts > 0 ? ", at most " + maxAttempts + " attempts" : "");
    }
}
