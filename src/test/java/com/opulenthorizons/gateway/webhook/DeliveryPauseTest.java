package com.opulenthorizons.gateway.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.opulenthorizons.gateway.LogCapture;
import com.opulenthorizons.gateway.testing.MovableClock;

/** When delivery pauses and resumes, on a clock the test moves. */
class DeliveryPauseTest {

    private final MovableClock clock = new MovableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final DeliveryPause pause = new DeliveryPause(Duration.ofMinutes(5), Duration.ofSeconds(5), clock);

    @Test
    void failuresForLessThanPauseAfterKeepEverySlot() {
        pause.failed("HTTP 503");
        clock.advance(Duration.ofMinutes(4));
        pause.failed("HTTP 503");

        assertThat(pause.current()).isEmpty();
        assertThat(pause.freeSlots(16, 3)).isEqualTo(13);
    }

    @Test
    void anAcceptedEventStartsTheFailingTimeAgain() {
        pause.failed("HTTP 503");
        clock.advance(Duration.ofMinutes(4));
        pause.accepted();
        clock.advance(Duration.ofMinutes(4));
        pause.failed("HTTP 503");

        assertThat(pause.current()).isEmpty();
    }

    @Test
    void afterPauseAfterOfFailuresOneProbeAtATimeIsAllowedSpacedByTheProbeInterval() {
        pause.failed("HTTP 503");
        clock.advance(Duration.ofMinutes(5));
        pause.failed("ConnectException");

        assertThat(pause.current()).hasValueSatisfying(p -> {
            assertThat(p.cause()).isEqualTo("ConnectException");
            assertThat(p.since()).isEqualTo(clock.instant());
        });
        assertThat(pause.freeSlots(16, 0)).as("right after the failure that paused").isZero();
        clock.advance(Duration.ofSeconds(5));
        assertThat(pause.freeSlots(16, 0)).isEqualTo(1);
        assertThat(pause.freeSlots(16, 1)).as("a probe in flight").isZero();
    }

    @Test
    void theFirstAcceptedEventResumesFullSpeedAndThePauseIsLoggedOnceEachWay() {
        try (LogCapture log = LogCapture.of(DeliveryPause.class)) {
            pause.failed("HTTP 503");
            clock.advance(Duration.ofMinutes(6));
            for (int probe = 0; probe < 5; probe++) {
                pause.failed("HTTP 503");
                clock.advance(Duration.ofSeconds(5));
            }
            pause.accepted();
            pause.accepted();

            assertThat(pause.current()).isEmpty();
            assertThat(pause.freeSlots(16, 0)).isEqualTo(16);
            assertThat(log.records()).extracting(r -> r.getMessage().substring(0, r.getMessage().indexOf(':')))
                    .containsExactly("workflow delivery paused", "workflow delivery resumed");
            assertThat(log.records().get(0).getMessage()).contains("HTTP 503", "WEBHOOK_PAUSE_AFTER");
        }
    }
}
