package com.opulenthorizons.gateway.ratelimit;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

/**
 * A token bucket per key (a caller and tool, or a source address), held in this replica's memory:
 * with N replicas a key may get up to N times the limit, which is the price of needing no shared
 * store. Each bucket holds {@code perMinute} tokens and refills them evenly over a minute, so a
 * burst of up to a minute's allowance passes and a sustained flood is held to the rate.
 * <p>
 * The number of buckets is bounded: past {@code maxKeys}, buckets that are full again (their key
 * has been quiet for a minute) are dropped, and if that is not enough, all are, so that a flood of
 * new source addresses cannot exhaust memory.
 */
public final class RateLimiter {

    private final long perMinute;
    private final int maxKeys;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    /** {@code perMinute} of 0 or less turns the limit off. */
    public RateLimiter(long perMinute, int maxKeys) {
        this.perMinute = perMinute;
        this.maxKeys = maxKeys;
    }

    public boolean enabled() {
        return perMinute > 0;
    }

    public long perMinute() {
        return perMinute;
    }

    /**
     * Takes one token for {@code key}. Empty when the request may go on; otherwise the whole seconds
     * to wait (at least 1), for a {@code Retry-After} header.
     */
    public OptionalLong tryTake(String key) {
        if (!enabled()) {
            return OptionalLong.empty();
        }
        if (buckets.size() >= maxKeys && !buckets.containsKey(key)) {
            evictIdle();
        }
        ConsumptionProbe probe = buckets.computeIfAbsent(key, k -> newBucket()).tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill() + 999_999_999L)));
    }

    /**
     * Whether {@code key} has no token left, without taking one: for limits that count only failures
     * (refused credentials) but must stop a caller before the next expensive check.
     */
    public OptionalLong exhausted(String key) {
        Bucket bucket = enabled() ? buckets.get(key) : null;
        if (bucket == null || bucket.getAvailableTokens() > 0) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Math.max(1, 60 / Math.max(1, perMinute)));
    }

    int keys() {
        return buckets.size();
    }

    private Bucket newBucket() {
        return Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)).build())
                .build();
    }

    private void evictIdle() {
        buckets.values().removeIf(bucket -> bucket.getAvailableTokens() >= perMinute);
        if (buckets.size() >= maxKeys) {
            buckets.clear();
        }
    }
}
