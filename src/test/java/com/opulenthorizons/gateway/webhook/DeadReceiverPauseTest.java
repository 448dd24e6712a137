package com.opulenthorizons.gateway.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.opulenthorizons.gateway.LogCapture;
import com.opulenthorizons.gateway.store.DeliveryStatus;
import com.opulenthorizons.gateway.store.InMemoryLeadStore;
import com.opulenthorizons.gateway.store.NewWorkflowEvent;
import com.opulenthorizons.gateway.testing.LocalReceiver;

/** A receiver that refuses everything for longer than WEBHOOK_PAUSE_AFTER, then comes back. */
class DeadReceiverPauseTest {

    private LocalReceiver receiver;
    private volatile boolean receiverUp;
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger mostInFlightWhilePaused = new AtomicInteger();
    private volatile boolean watchingPause;

    private final InMemoryLeadStore store = new InMemoryLeadStore();

    @BeforeEach
    void startReceiver() throws IOException {
        receiver = LocalReceiver.start();
        receiver.on("/hook", exchange -> {
            exchange.getRequestBody().readAllBytes();
            requests.incrementAndGet();
            int now = inFlight.incrementAndGet();
            if (watchingPause) {
                mostInFlightWhilePaused.accumulateAndGet(now, Math::max);
            }
            inFlight.decrementAndGet();
            exchange.sendResponseHeaders(receiverUp ? 204 : 503, -1);
            exchange.close();
        });
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    private OutboxDelivery delivery() {
        URI hook = receiver.uri("/hook");
        // Pauses after 300 ms of failures; probes 20 ms apart (the schedule's first wait).
        return new OutboxDelivery(store, new DeliverySettings(Optional.of(hook), RetryPolicy.parse("20ms", "1h", 0.2, 0),
                Duration.ofSeconds(2), Duration.ofMillis(10), 5, Duration.ofMinutes(1), Optional.empty(), Optional.empty(),
                Duration.ofMillis(300)));
    }

    private Map<UUID, Integer> attempts(List<UUID> ids) {
        Map<UUID, Integer> attempts = new HashMap<>();
        ids.forEach(id -> attempts.put(id, store.findEvent(id).orElseThrow().deliveryAttempts()));
        return attempts;
    }

    @Test
    void aDeadReceiverGetsOneProbeAtATimeTheOtherEventsKeepTheirAttemptsAndTheFirstSuccessResumes() {
        List<UUID> ids = IntStream.range(0, 20).mapToObj(i -> {
            UUID id = UUID.randomUUID();
            store.append(new NewWorkflowEvent(id, UUID.randomUUID(), "LeadIngested", Map.of("n", i), "WEBSITE", null, "corr-p"));
            return id;
        }).toList();
        OutboxDelivery delivery = delivery();

        try (LogCapture log = LogCapture.of(DeliveryPause.class)) {
            Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10)).until(() -> {
                delivery.deliverDue();
                return delivery.pause().current().isPresent();
            });
            assertThat(delivery.pause().current().orElseThrow().cause()).isEqualTo("HTTP 503");
            Map<UUID, Integer> atPause = attempts(ids);
            int requestsAtPause = requests.get();
            assertThat(requestsAtPause).as("attempts before the pause").isGreaterThan(5);

            // Three probes while paused.
            watchingPause = true;
            Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10)).until(() -> {
                delivery.deliverDue();
                return requests.get() >= requestsAtPause + 3;
            });
            watchingPause = false;
            Map<UUID, Integer> afterProbes = attempts(ids);
            assertThat(requests.get()).isEqualTo(requestsAtPause + 3);
            assertThat(mostInFlightWhilePaused.get()).isEqualTo(1);
            int spent = ids.stream().mapToInt(id -> afterProbes.get(id) - atPause.get(id)).sum();
            assertThat(spent).as("one attempt per probe").isEqualTo(3);
            assertThat(ids.stream().filter(id -> afterProbes.get(id).equals(atPause.get(id))).count())
                    .as("events not probed keep their attempt count").isGreaterThanOrEqualTo(17);
            assertThat(ids).allMatch(id -> store.findEvent(id).orElseThrow().deliveryStatus() == DeliveryStatus.PENDING);

            receiverUp = true;
            Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10)).until(() -> {
                delivery.deliverDue();
                return store.deliveryCounts().delivered() == ids.size();
            });
            assertThat(delivery.pause().current()).isEmpty();
            // each event: its attempts at the end of the pause, plus the one that delivered it
            ids.forEach(id -> assertThat(store.findEvent(id).orElseThrow().deliveryAttempts()).isEqualTo(afterProbes.get(id) + 1));
            assertThat(log.records()).extracting(r -> r.getMessage().substring(0, r.getMessage().indexOf(':')))
                    .containsExactly("workflow delivery paused", "workflow delivery resumed");
        }
    }

    @Test
    void whenThePauseEndsTheEventsWaitingForALaterRetryGoAtOnce() {
        // Ten retries 20 ms apart, then an hour: events that failed early wait an hour when the pause ends.
        OutboxDelivery delivery = new OutboxDelivery(store, new DeliverySettings(Optional.of(receiver.uri("/hook")),
                RetryPolicy.parse("20ms,".repeat(10) + "1h", "1d", 0, 0), Duration.ofSeconds(2), Duration.ofMillis(10), 5,
                Duration.ofMinutes(1), Optional.empty(), Optional.empty(), Duration.ofMillis(300)));
        List<UUID> ids = new ArrayList<>();
        // new events keep failing, so that the receiver is seen dead for WEBHOOK_PAUSE_AFTER
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10)).until(() -> {
            UUID id = UUID.randomUUID();
            store.append(new NewWorkflowEvent(id, UUID.randomUUID(), "LeadIngested", Map.of("n", ids.size()), "WEBSITE", null, "corr-h"));
            ids.add(id);
            delivery.deliverDue();
            return delivery.pause().current().isPresent()
                    && store.findEvent(ids.get(0)).orElseThrow().deliveryAttempts() >= 11;
        });

        receiverUp = true;
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10)).until(() -> {
            delivery.deliverDue();
            return store.deliveryCounts().delivered() == ids.size();
        });
        assertThat(delivery.pause().current()).isEmpty();
    }
}
