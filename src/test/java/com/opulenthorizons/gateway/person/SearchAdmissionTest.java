package com.opulenthorizons.gateway.person;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.opulenthorizons.gateway.common.ErrorKind;

class SearchAdmissionTest {

    @Test
    void waitingSearchesRunInArrivalOrderWhenTheSlotFrees() throws InterruptedException {
        SearchAdmission admission = new SearchAdmission(1, 10_000);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch holding = new CountDownLatch(1);
        List<String> ran = new CopyOnWriteArrayList<>();
        Thread holder = start(() -> admission.admit(() -> {
            holding.countDown();
            await(release);
            return ran.add("holder");
        }));
        assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
        Thread first = start(() -> admission.admit(() -> ran.add("first")));
        waitUntilQueued(admission, 1);
        Thread second = start(() -> admission.admit(() -> ran.add("second")));
        waitUntilQueued(admission, 2);
        assertThat(ran).isEmpty(); // both wait while the slot is taken
        release.countDown();
        for (Thread t : List.of(holder, first, second)) {
            t.join(10_000);
        }
        assertThat(ran).containsExactly("holder", "first", "second");
    }

    @Test
    void aSearchThatWaitsPastTheTimeoutIsRefusedAsBusyAndDoesNotRun() throws InterruptedException {
        SearchAdmission admission = new SearchAdmission(1, 50);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch holding = new CountDownLatch(1);
        Thread holder = start(() -> admission.admit(() -> {
            holding.countDown();
            return await(release);
        }));
        assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
        List<String> ran = new CopyOnWriteArrayList<>();
        assertThatThrownBy(() -> admission.admit(() -> ran.add("late")))
                .isInstanceOfSatisfying(SearchBusyException.class, e -> {
                    assertThat(e.errorKind()).isEqualTo(ErrorKind.REFUSED);
                    assertThat(e.errorType()).isEqualTo("search_busy");
                })
                .hasMessage("all 1 search slots (SEARCH_CONCURRENCY) stayed busy for 50 ms (SEARCH_QUEUE_TIMEOUT_MS); "
                        + "retry in a moment");
        assertThat(ran).isEmpty();
        release.countDown();
        holder.join(10_000);
    }

    @Test
    void aFailingSearchGivesItsSlotBack() {
        SearchAdmission admission = new SearchAdmission(1, 0);
        assertThatThrownBy(() -> admission.admit(() -> {
            throw new IllegalStateException("the store failed");
        })).hasMessage("the store failed");
        assertThat(admission.admit(() -> "ran")).isEqualTo("ran"); // with no wait allowed: the slot is free
    }

    @Test
    void settingsOutOfRangeStopTheStart() {
        assertThatThrownBy(() -> new SearchAdmission(0, 100)).hasMessage("SEARCH_CONCURRENCY must be 1 or more");
        assertThatThrownBy(() -> new SearchAdmission(2, -1)).hasMessage("SEARCH_QUEUE_TIMEOUT_MS must be 0 or more");
    }

    private static Thread start(Runnable work) {
        Thread t = new Thread(work);
        t.start();
        return t;
    }

    private static boolean await(CountDownLatch latch) {
        try {
            return latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void waitUntilQueued(SearchAdmission admission, int waiting) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (admission.waiting() < waiting && System.nanoTime() < until) {
            Thread.sleep(5);
        }
        assertThat(admission.waiting()).isEqualTo(waiting);
    }
}
