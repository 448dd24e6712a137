package com.opulenthorizons.gateway.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Logs a warning once per interval for each kind of event, with how many were held back since the
 * last line: a flood of bad signatures or refused calls makes one line a minute, not one a request.
 */
public final class RepeatedWarnings {

    private final Logger log;
    private final Duration interval;
    private final Clock clock;
    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

    private static final class Window {
        volatile long openedAt;
        final AtomicLong suppressed = new AtomicLong();

        Window(long openedAt) {
            this.openedAt = openedAt;
        }
    }

    public RepeatedWarnings(Logger log, Duration interval, Clock clock) {
        this.log = log;
        this.interval = interval;
        this.clock = clock;
    }

    public RepeatedWarnings(Logger log) {
        this(log, Duration.ofMinutes(1), Clock.systemUTC());
    }

    /**
     * Logs {@code message} under {@code kind} unless a line of that kind was logged within the interval.
     * {@code kind} must not hold personal data; it is a key only.
     *
     * @return whether a line was written
     */
    public boolean warn(String kind, String message) {
        long now = clock.millis();
        Window fresh = new Window(now);
        Window window = windows.putIfAbsent(kind, fresh);
        if (window == null) {
            log.log(Level.WARNING, message);
            return true;
        }
        synchronized (window) {
            if (now - window.openedAt < interval.toMillis()) {
                window.suppressed.incrementAndGet();
                return false;
            }
            long held = window.suppressed.getAndSet(0);
            window.openedAt = now;
            log.log(Level.WARNING, held == 0 ? message
                    : message + " (and " + held + " more like it in the last " + interval.toSeconds() + " s)");
            return true;
        }
    }
}
