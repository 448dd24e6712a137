package com.opulenthorizons.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class RateLimiterTest {

    @Test
    void aMinutesAllowancePassesAsABurstAndTheNextIsToldHowLongToWait() {
        RateLimiter limiter = new RateLimiter(60, 100);
        assertThat(IntStream.range(0, 60).mapToObj(i -> limiter.tryTake("agent ingest_lead"))).allMatch(r -> r.isEmpty());
        assertThat(limiter.tryTake("agent ingest_lead").getAsLong()).isBetween(1L, 2L);
    }

    @Test
    void keysHaveTheirOwnBuckets() {
        RateLimiter limiter = new RateLimiter(1, 100);
        assertThat(limiter.tryTake("a")).isEmpty();
        assertThat(limiter.tryTake("a")).isPresent();
        assertThat(limiter.tryTake("b")).isEmpty();
    }

    @Test
    void zeroTurnsTheLimitOff() {
        RateLimiter limiter = new RateLimiter(0, 100);
        assertThat(limiter.enabled()).isFalse();
        assertThat(IntStream.range(0, 10_000).mapToObj(i -> limiter.tryTake("a"))).allMatch(r -> r.isEmpty());
        assertThat(limiter.keys()).isZero();
    }

    @Test
    void exhaustedLooksWithoutTaking() {
        RateLimiter limiter = new RateLimiter(2, 100);
        assertThat(limiter.exhausted("10.0.0.1")).isEmpty();
        limiter.tryTake("10.0.0.1");
        assertThat(limiter.exhausted("10.0.0.1")).isEmpty();
        limiter.tryTake("10.0.0.1");
        assertThat(limiter.exhausted("10.0.0.1")).isPresent();
    }

    @Test
    void aFloodOfNewKeysCannotGrowTheMapPastItsBound() {
        RateLimiter limiter = new RateLimiter(5, 1_000);
        IntStream.range(0, 50_000).forEach(i -> limiter.tryTake("source-" + i));
        assertThat(limiter.keys()).isLessThanOrEqualTo(1_000);
    }
}
