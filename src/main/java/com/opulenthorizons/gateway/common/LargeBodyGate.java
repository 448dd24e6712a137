package com.opulenthorizons.gateway.common;

import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Bounds how many large request bodies are handled at once. A JSON body costs many times its size
 * once parsed (a 0.9 MB object with 72,000 keys becomes tens of MB of maps and strings), so a burst
 * of near-limit requests could take more memory than a 512 MiB replica has, whatever the heap size.
 * Bodies up to {@code thresholdBytes} pass freely; a larger one waits briefly for one of
 * {@code permits} places and is otherwise refused (the caller answers 429), so memory stays bounded
 * and the client is told to come back.
 */
public final class LargeBodyGate {

    /** How long a large body waits for a place: long enough to smooth a burst, short enough not to pile up threads. */
    static final long WAIT_MILLIS = 1_000;

    /** Held while a large body is being handled; closing it frees the place. */
    public interface Pass extends AutoCloseable {
        @Override
        void close();
    }

    private static final Pass SMALL = () -> { };

    private final long thresholdBytes;
    private final int permits;
    private final Semaphore places;

    public LargeBodyGate(long thresholdBytes, int permits) {
        if (thresholdBytes < 0 || permits < 1) {
            throw new IllegalArgumentException("a large-body gate needs a threshold >= 0 and at least one place");
        }
        this.thresholdBytes = thresholdBytes;
        this.permits = permits;
        this.places = new Semaphore(permits, true);
    }

    /**
     * @param declaredLength the request's Content-Length (-1 when it declares none: counted as large)
     * @return a pass to close when the request is done, or empty when every place stayed taken
     */
    public Optional<Pass> enter(long declaredLength) {
        if (declaredLength >= 0 && declaredLength <= thresholdBytes) {
            return Optional.of(SMALL);
        }
        try {
            if (!places.tryAcquire(WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                return Optional.empty();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
        return Optional.of(places::release);
    }

    public long thresholdBytes() {
        return thresholdBytes;
    }

    public int permits() {
        return permits;
    }
}
