package com.opulenthorizons.gateway.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    /** The defaults of microprofile-config.properties. */
    private static final RetryPolicy DEFAULTS = RetryPolicy.parse("5s,30s,2m,10m,30m,1h,2h", "25h", 0.2, 0);
    private static final Instant OCCURRED = Instant.parse("2026-12-01T08:00:00Z");
    /** The middle of the jitter: the wait as scheduled. */
    private static final double NO_SPREAD = 0.5;

    /** The attempt times of an event whose every attempt fails, the first one when it occurred. */
    private static List<Instant> attempts(RetryPolicy policy, double random) {
        List<Instant> attempts = new ArrayList<>(List.of(OCCURRED));
        Optional<Instant> next;
        while ((next = policy.nextAttempt(attempts.size(), OCCURRED, attempts.get(attempts.size() - 1), random)).isPresent()) {
            attempts.add(next.get());
            assertThat(attempts).hasSizeLessThan(1000);
        }
        return attempts;
    }

    @Test
    void theDefaultScheduleWaitsLongerAndLongerThenEveryTwoHours() {
        assertThat(List.of(1, 2, 3, 4, 5, 6, 7, 8, 30)).extracting(DEFAULTS::delayAfter).containsExactly(
                Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofMinutes(2), Duration.ofMinutes(10),
                Duration.ofMinutes(30), Duration.ofHours(1), Duration.ofHours(2), Duration.ofHours(2), Duration.ofHours(2));
    }

    @Test
    void theDefaultsKeepTryingForMoreThanADayAndMakeTheLastAttemptAt25Hours() {
        for (double random : new double[] {0.0, NO_SPREAD, 0.999}) {
            List<Instant> attempts = attempts(DEFAULTS, random);
            assertThat(attempts.get(attempts.size() - 1)).isEqualTo(OCCURRED.plus(Duration.ofHours(25)));
            assertThat(attempts).isSorted().doesNotHaveDuplicates();
            // a receiver down for a day is tried again at least every two hours and 24 minutes
            for (int i = 1; i < attempts.size(); i++) {
                assertThat(Duration.between(attempts.get(i - 1), attempts.get(i))).isLessThanOrEqualTo(Duration.ofMinutes(144));
            }
        }
        assertThat(attempts(DEFAULTS, NO_SPREAD)).hasSize(19);
    }

    @Test
    void jitterSpreadsEachWaitByUpToTwentyPercentEitherWay() {
        Instant now = OCCURRED.plusSeconds(60);
        assertThat(DEFAULTS.nextAttempt(4, OCCURRED, now, 0.0)).contains(now.plus(Duration.ofMinutes(8)));
        assertThat(DEFAULTS.nextAttempt(4, OCCURRED, now, NO_SPREAD)).contains(now.plus(Duration.ofMinutes(10)));
        assertThat(DEFAULTS.nextAttempt(4, OCCURRED, now, 0.75)).contains(now.plus(Duration.ofMinutes(11)));
        assertThat(DEFAULTS.nextAttempt(4, OCCURRED, now, 0.9999).orElseThrow())
                .isBetween(now.plus(Duration.ofMinutes(10)), now.plus(Duration.ofMinutes(12)));
    }

    @Test
    void anEventOlderThanRetryForIsNotTriedAgain() {
        assertThat(DEFAULTS.nextAttempt(3, OCCURRED, OCCURRED.plus(Duration.ofHours(25)), NO_SPREAD)).isEmpty();
        assertThat(DEFAULTS.nextAttempt(3, OCCURRED, OCCURRED.plus(Duration.ofHours(30)), NO_SPREAD)).isEmpty();
        // an attempt that would fall after the deadline is made at the deadline
        assertThat(DEFAULTS.nextAttempt(15, OCCURRED, OCCURRED.plus(Duration.ofHours(24)), NO_SPREAD))
                .contains(OCCURRED.plus(Duration.ofHours(25)));
    }

    @Test
    void maxAttemptsEndsRetriesEarlierWhenSet() {
        RetryPolicy fast = RetryPolicy.parse("200ms,400ms", "25h", 0, 4);
        assertThat(attempts(fast, NO_SPREAD)).containsExactly(OCCURRED, OCCURRED.plusMillis(200), OCCURRED.plusMillis(600),
                OCCURRED.plusMillis(1000));
    }

    @Test
    void durationsAreReadInMillisecondsSecondsMinutesHoursAndDays() {
        assertThat(RetryPolicy.parse(" 250ms, 5s ,2m,1h,1d", "90m", 0, 0).delays()).containsExactly(Duration.ofMillis(250),
                Duration.ofSeconds(5), Duration.ofMinutes(2), Duration.ofHours(1), Duration.ofDays(1));
    }

    @Test
    void malformedSettingsAreRefusedWithTheirName() {
        assertThatThrownBy(() -> RetryPolicy.parse("5s,soon", "25h", 0.2, 0)).hasMessageContaining("WEBHOOK_RETRY_SCHEDULE")
                .hasMessageContaining("'soon'");
        assertThatThrownBy(() -> RetryPolicy.parse("", "25h", 0.2, 0)).hasMessageContaining("WEBHOOK_RETRY_SCHEDULE");
        assertThatThrownBy(() -> RetryPolicy.parse("0s", "25h", 0.2, 0)).hasMessageContaining("WEBHOOK_RETRY_SCHEDULE");
        assertThatThrownBy(() -> RetryPolicy.parse("5s", "a day", 0.2, 0)).hasMessageContaining("WEBHOOK_RETRY_FOR");
        assertThatThrownBy(() -> RetryPolicy.parse("5s", "25h", 1.5, 0)).hasMessageContaining("WEBHOOK_RETRY_JITTER");
        assertThatThrownBy(() -> RetryPolicy.parse("5s", "25h", 0.2, -1)).hasMessageContaining("WEBHOOK_MAX_ATTEMPTS");
    }
}
