package com.opulenthorizons.gateway.person;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;

/**
 * Lets at most {@code SEARCH_CONCURRENCY} searches run at once in this replica; the others wait
 * their turn, first come first served, for up to {@code SEARCH_QUEUE_TIMEOUT_MS}, and are then
 * refused as busy.
 * <p>
 * Why: a search is the gateway's most expensive read, a millisecond or more of database CPU, and
 * agents send them in bursts. Run all at once, they share the database's cores with each other and
 * with ingest, so each takes longer and the unluckiest far longer; taken in turn, each runs at full
 * speed and the wait is predictable (bench/README.md: eight sessions on a million leads, the same
 * rate with a p99 of 11.4 ms instead of 26.0 for the slowest question). The bound also leaves the
 * rest of the connection pool to ingest.
 */
@ApplicationScoped
public class SearchAdmission {

    private Semaphore slots;
    private int concurrency;
    private long queueTimeoutMs;

    protected SearchAdmission() {
        // for CDI proxies
    }

    @Inject
    public SearchAdmission(@ConfigProperty(name = "SEARCH_CONCURRENCY") int concurrency,
            @ConfigProperty(name = "SEARCH_QUEUE_TIMEOUT_MS") long queueTimeoutMs) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("SEARCH_CONCURRENCY must be 1 or more");
        }
        if (queueTimeoutMs < 0) {
            throw new IllegalArgumentException("SEARCH_QUEUE_TIMEOUT_MS must be 0 or more");
        }
        this.concurrency = concurrency;
        this.queueTimeoutMs = queueTimeoutMs;
        this.slots = new Semaphore(concurrency, true); // fair: in arrival order
    }

    /**
     * Built at the start, not at the first search: a setting out of range then stops the start
     * (CDI creates an application-scoped bean on first use otherwise).
     */
    void checkSettingsAtStart(@Observes Startup startup) {
        // nothing to do: observing the event is what creates the bean, and its constructor checks
    }

    /** Runs {@code search} once a slot is free, or throws {@link SearchBusyException} after the queue timeout. */
    public <T> T admit(Supplier<T> search) {
        boolean admitted;
        try {
            admitted = slots.tryAcquire(queueTimeoutMs, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // keep the flag for the thread's owner
            throw new SearchBusyException("the search was interrupted while it waited for a slot; retry", e);
        }
        if (!admitted) {
            throw new SearchBusyException("all " + concurrency + " search slots (SEARCH_CONCURRENCY) stayed busy for "
                    + queueTimeoutMs + " ms (SEARCH_QUEUE_TIMEOUT_MS); retry in a moment", null);
        }
        try {
            return search.get();
        } finally {
            slots.release();
        }
    }

    /** Searches waiting for a slot now (an estimate, as {@link Semaphore#getQueueLength()} says). */
    int waiting() {
        return slots.getQueueLength();
    }
}
