package com.opulenthorizons.gateway;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Races for tests: N threads released at the same moment, each running one call. */
public final class Concurrently {

    /** One call of a race; {@code index} tells the threads apart (0 to N-1). */
    @FunctionalInterface
    public interface IndexedCall<T> {
        T call(int index) throws Exception;
    }

    private Concurrently() {
    }

    /** Runs {@code task} on {@code threads} threads released at once; returns the answers in thread order. */
    public static <T> List<T> run(int threads, IndexedCall<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.call(index);
                }));
            }
            start.countDown();
            List<T> answers = new ArrayList<>();
            for (Future<T> f : futures) {
                answers.add(f.get(60, TimeUnit.SECONDS));
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }
}
