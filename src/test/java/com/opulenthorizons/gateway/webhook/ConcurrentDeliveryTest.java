package com.opulenthorizons.gateway.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.opulenthorizons.gateway.store.DeliveryStatus;
import com.opulenthorizons.gateway.store.InMemoryLeadStore;
import com.opulenthorizons.gateway.store.NewWorkflowEvent;
import com.opulenthorizons.gateway.testing.LocalReceiver;

/** Several requests in flight at once, and the order of one person's events. */
class ConcurrentDeliveryTest {

    /**
     * The receiver: holds the event whose call_id is "slow" until {@code releaseSlow}, refuses
     * (503) the one whose call_id is "held" while {@code holdBack} is open, accepts the rest.
     */
    private LocalReceiver receiver;
    private final List<String> accepted = new CopyOnWriteArrayList<>();
    private final CountDownLatch releaseSlow = new CountDownLatch(1);
    private final CountDownLatch holdBack = new CountDownLatch(1);

    private final InMemoryLeadStore store = new InMemoryLeadStore();

    @BeforeEach
    void startReceiver() throws IOException {
        receiver = LocalReceiver.start();
        receiver.on("/hook", exchange -> {
            Map<String, Object> body = LocalReceiver.json(exchange);
            String callId = (String) body.get("call_id");
            try {
                if (callId.equals("slow")) {
                    releaseSlow.await(30, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            boolean refuse = callId.equals("held") && holdBack.getCount() > 0;
            if (!refuse) {
                accepted.add(callId);
            }
            exchange.sendResponseHeaders(refuse ? 503 : 204, -1);
            exchange.close();
        });
    }

    @AfterEach
    void stopReceiver() {
        releaseSlow.countDown();
        receiver.close();
    }

    private OutboxDelivery delivery(int concurrency) {
        URI hook = receiver.uri("/hook");
        DeliverySettings settings = new DeliverySettings(Optional.of(hook), RetryPolicy.parse("20ms", "1h", 0.2, 0),
                Duration.ofSeconds(30), Duration.ofMillis(10), concurrency, Duration.ofMinutes(1), Optional.empty(),
                Optional.empty());
        return new OutboxDelivery(store, settings);
    }

    private UUID append(UUID ohid, String callId) {
        UUID id = UUID.randomUUID();
        store.append(new NewWorkflowEvent(id, ohid, "CallCompleted", Map.of("call_id", callId), "CLOUDTALK", null, "corr-" + callId));
        return id;
    }

    @Test
    void aSlowAnswerForOneEventDoesNotHoldTheOthers() throws Exception {
        UUID slow = append(null, "slow");
        List<UUID> others = List.of(append(null, "o1"), append(null, "o2"), append(null, "o3"), append(null, "o4"),
                append(null, "o5"), append(null, "o6"));
        OutboxDelivery delivery = delivery(4);

        CompletableFuture<Integer> round = CompletableFuture.supplyAsync(delivery::deliverDue);

        // Four slots: the slow one keeps one, the other six go through the other three, and are recorded.
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> others.stream()
                .allMatch(id -> store.findEvent(id).orElseThrow().deliveryStatus() == DeliveryStatus.DELIVERED));
        assertThat(store.findEvent(slow).orElseThrow().deliveryStatus()).isEqualTo(DeliveryStatus.PENDING);
        assertThat(round).isNotDone();

        releaseSlow.countDown();
        assertThat(round.get(10, TimeUnit.SECONDS)).isEqualTo(7);
        assertThat(store.findEvent(slow).orElseThrow().deliveryStatus()).isEqualTo(DeliveryStatus.DELIVERED);
        assertThat(accepted).hasSize(7).endsWith("slow");
    }

    @Test
    void onePersonsEventsArriveInTheOrderTheyHappenedWhileOthersOvertake() {
        UUID ann = UUID.randomUUID();
        UUID bob = UUID.randomUUID();
        for (String callId : List.of("ann-1", "held", "bob-1", "ann-3", "bob-2", "ann-4", "bob-3", "bob-4", "ann-5")) {
            append(callId.startsWith("bob") ? bob : ann, callId);
        }
        OutboxDelivery delivery = delivery(16);

        // Ann's second event is refused until all of Bob's have arrived; each round ends when nothing is due.
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10)).until(() -> {
            delivery.deliverDue();
            if (accepted.containsAll(List.of("bob-1", "bob-2", "bob-3", "bob-4"))) {
                holdBack.countDown();
            }
            return accepted.size() == 9;
        });

        assertThat(accepted.stream().filter(c -> !c.startsWith("bob"))).containsExactly("ann-1", "held", "ann-3", "ann-4", "ann-5");
        assertThat(accepted.stream().filter(c -> c.startsWith("bob"))).containsExactly("bob-1", "bob-2", "bob-3", "bob-4");
        // Bob overtook Ann's held event: all of his arrived before it.
        assertThat(accepted.indexOf("held")).isGreaterThan(accepted.indexOf("bob-4"));
    }
}
