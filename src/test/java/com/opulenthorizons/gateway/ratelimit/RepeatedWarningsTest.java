package com.opulenthorizons.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.Test;

import com.opulenthorizons.gateway.testing.MovableClock;

class RepeatedWarningsTest {

    @Test
    void aFloodIsOneLineAnIntervalWithTheCountHeldBack() {
        Logger log = Logger.getLogger("RepeatedWarningsTest-" + System.nanoTime());
        log.setUseParentHandlers(false);
        List<String> lines = new ArrayList<>();
        log.addHandler(new Handler() {
            @Override
            public void publish(LogRecord record) {
                lines.add(record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });
        MovableClock clock = new MovableClock(Instant.parse("2026-12-02T00:00:00Z"));
        RepeatedWarnings warnings = new RepeatedWarnings(log, Duration.ofMinutes(1), clock);

        for (int i = 0; i < 500; i++) {
            warnings.warn("bad-signature", "bad signature");
        }
        warnings.warn("other", "something else");
        clock.advance(Duration.ofSeconds(61));
        warnings.warn("bad-signature", "bad signature");

        assertThat(lines).containsExactly("bad signature", "something else",
                "bad signature (and 499 more like it in the last 60 s)");
    }
}
