package com.opulenthorizons.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.Test;

import com.opulenthorizons.gateway.LogCapture;

class StorePollTest {

    private static final String LOGGER = "test.store-poll";

    @Test
    void anOutageIsLoggedWhenItBeginsAndEndsAndAFailureNeverEscapes() {
        Deque<RuntimeException> failures = new ArrayDeque<>(List.of(new StoreUnavailableException("down", null),
                new StoreUnavailableException("still down", null)));
        StorePoll poll = new StorePoll("test poll", () -> {
            if (!failures.isEmpty()) {
                throw failures.poll();
            }
        }, Logger.getLogger(LOGGER));
        try (LogCapture log = LogCapture.of(LOGGER)) {
            poll.run();
            poll.run();
            poll.run();
            poll.run();
            failures.add(new IllegalStateException("bug"));
            poll.run();

            assertThat(log.records()).extracting(LogRecord::getLevel, LogRecord::getMessage).containsExactly(
                    tuple(Level.WARNING, "test poll cannot reach the store, retrying every poll: down"),
                    tuple(Level.INFO, "test poll resumed: the store answers again"),
                    tuple(Level.SEVERE, "test poll failed"));
        }
    }
}
