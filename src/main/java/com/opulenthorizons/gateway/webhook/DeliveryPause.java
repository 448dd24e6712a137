package com.opulenthorizons.gateway.webhook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Whether delivery is paused because the receiver looks dead: it failed every attempt for
 * {@code pauseAfter}. While paused, one event at a time is sent as a probe, so the other events
 * keep their attempts (and their retry budget) for when the receiver is back; the first accepted
 * event ends the pause. The state is this replica's own: each replica finds out for itself.
 * <p>
 * Thread-safe: outcomes are recorded by the delivery loop, the state is read by status and readiness.
 */
public class DeliveryPause {

    private static final Logger LOG = Logger.getLogger(DeliveryPause.class.getName());

    /**
     * A pause as status and readiness show it.
     *
     * @param since when delivery paused
     * @param cause the last failed attempt's error
     */
    public record Paused(Instant since, String cause) {
    }

    private final Duration pauseAfter;
    private final Duration probeInterval;
    private final Clock clock;

    /** When the current run of failed attempts began; null after an accepted one. */
    private Instant failingSince;
    private Paused paused;
    private Instant nextProbe = Instant.MIN;

    /**
     * @param pauseAfter how long every attempt must fail before delivery pauses
     * @param probeInterval the least time between the end of one probe and the start of the next
     */
    public DeliveryPause(Duration pauseAfter, Duration probeInterval, Clock clock) {
        this.pauseAfter = pauseAfter;
        this.probeInterval = probeInterval;
        this.clock = clock;
    }

    /** The pause, or empty while delivery runs at full speed. */
    public synchronized Optional<Paused> current() {
        return Optional.ofNullable(paused);
    }

    /** How many more requests may be started now, given {@code concurrency} and those in flight. */
    synchronized int freeSlots(int concurrency, int inFlight) {
        if (paused == null) {
            return concurrency - inFlight;
        }
        return inFlight == 0 && !clock.instant().isBefore(nextProbe) ? 1 : 0;
    }

    /** Records an accepted attempt; whether it ended a pause. */
    synchronized boolean accepted() {
        failingSince = null;
        if (paused == null) {
            return false;
        }
        LOG.info("workflow delivery resumed: the receiver accepted an event after a pause of "
                + Duration.between(paused.since(), clock.instant()) + "; sending at full speed again");
        paused = null;
        return true;
    }

    synchronized void failed(String error) {
        Instant now = clock.instant();
        if (failingSince == null) {
            failingSince = now;
        }
        if (paused != null) {
            nextProbe = now.plus(probeInterval);
            return;
        }
        if (Duration.between(failingSince, now).compareTo(pauseAfter) >= 0) {
            paused = new Paused(now, error);
            nextProbe = now.plus(probeInterval);
            LOG.warning("workflow delivery paused: the receiver failed every attempt for " + Duration.between(failingSince, now)
                    + " (WEBHOOK_PAUSE_AFTER " + pauseAfter + "), last error: " + error
                    + "; one event at a time is sent as a probe every " + probeInterval
                    + ", the others wait without spending attempts");
        }
    }
}
