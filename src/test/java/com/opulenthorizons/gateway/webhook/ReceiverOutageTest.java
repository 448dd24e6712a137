package com.opulenthorizons.gateway.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.opulenthorizons.gateway.store.DeliveryCounts;
import com.opulenthorizons.gateway.store.NewWorkflowEvent;
import com.opulenthorizons.gateway.store.PostgresLeadStore;
import com.opulenthorizons.gateway.store.TestPostgres;
import com.opulenthorizons.gateway.testing.LocalReceiver;

/**
 * A receiver that is down for 15 minutes loses nothing: the shipped retry schedule, retry window
 * and pause, all scaled down 600 times (15 minutes take 1.5 s), on PostgreSQL. Events go in
 * before and during the outage; once the receiver is back, each is delivered exactly once, in
 * order per person, and none is FAILED.
 */
class ReceiverOutageTest {

    /** One second of the test stands for ten minutes. */
    private static final long SCALE = 600;
    private static final Duration OUTAGE = Duration.ofMinutes(15).dividedBy(SCALE);
    private static final int PEOPLE = 30;

    private final TestPostgres.OpenStore database = TestPostgres.newStore();
    private final PostgresLeadStore store = database.store();
    private final ExecutorService poller = Executors.newSingleThreadExecutor();
    private final AtomicBoolean stopPolling = new AtomicBoolean();
    /** The events the receiver accepted, in the order it accepted them. */
    private final List<String> accepted = new CopyOnWriteArrayList<>();
    private LocalReceiver receiver;

    @AfterEach
    void stop() {
        stopPolling.set(true);
        poller.shutdownNow();
        if (receiver != null) {
            receiver.close();
        }
        database.close();
    }

    /** The defaults of microprofile-config.properties, each duration divided by {@link #SCALE}. */
    private static DeliverySettings scaledDefaults(URI hook) throws IOException {
        Properties defaults = new Properties();
        try (InputStream in = ReceiverOutageTest.class.getResourceAsStream("/META-INF/microprofile-config.properties")) {
            defaults.load(in);
        }
        RetryPolicy shipped = RetryPolicy.parse(defaults.getProperty("WEBHOOK_RETRY_SCHEDULE"),
                defaults.getProperty("WEBHOOK_RETRY_FOR"), Double.parseDouble(defaults.getProperty("WEBHOOK_RETRY_JITTER")),
                Integer.parseInt(defaults.getProperty("WEBHOOK_MAX_ATTEMPTS")));
        RetryPolicy scaled = new RetryPolicy(shipped.delays().stream().map(d -> d.dividedBy(SCALE)).toList(),
                shipped.retryFor().dividedBy(SCALE), shipped.jitter(), shipped.maxAttempts());
        Duration pauseAfter = RetryPolicy.duration(defaults.getProperty("WEBHOOK_PAUSE_AFTER"), "WEBHOOK_PAUSE_AFTER")
                .dividedBy(SCALE);
        int concurrency = Integer.parseInt(defaults.getProperty("WEBHOOK_CONCURRENCY"));
        return new DeliverySettings(Optional.of(hook), scaled, Duration.ofSeconds(5), Duration.ofMillis(10), concurrency,
                Duration.ofMinutes(1), Optional.empty(), Optional.empty(), pauseAfter);
    }

    /** Appends the {@code n}th event of each person; answers the ids by person. */
    private void appendRound(List<UUID> people, List<List<String>> byPerson, int n) {
        for (int p = 0; p < people.size(); p++) {
            UUID id = UUID.randomUUID();
            store.append(new NewWorkflowEvent(id, people.get(p), "LeadIngested", Map.of("n", n), "WEBSITE", null, "corr-o"));
            byPerson.get(p).add(id.toString());
        }
    }

    @Test
    void aReceiverDownForFifteenScaledMinutesGetsEveryEventOnceInOrderAndNoneFails() throws Exception {
        // The receiver's port, free again: connections are refused until it comes back there.
        int port;
        try (LocalReceiver reserved = LocalReceiver.start()) {
            port = reserved.port();
        }
        OutboxDelivery delivery = new OutboxDelivery(store, scaledDefaults(URI.create("http://127.0.0.1:" + port + "/hook")));
        Future<?> polling = poller.submit(() -> {
            // as OutboxDeliveryScheduler: a round, then the poll interval
            while (!stopPolling.get()) {
                delivery.deliverDue();
                TimeUnit.MILLISECONDS.sleep(10);
            }
            return null;
        });

        List<UUID> people = new ArrayList<>();
        List<List<String>> byPerson = new ArrayList<>();
        for (int p = 0; p < PEOPLE; p++) {
            people.add(UUID.randomUUID());
            byPerson.add(new ArrayList<>());
        }
        long outageStart = System.nanoTime();
        appendRound(people, byPerson, 1);
        appendRound(people, byPerson, 2);
        TimeUnit.NANOSECONDS.sleep(OUTAGE.toNanos() / 2);
        appendRound(people, byPerson, 3);
        appendRound(people, byPerson, 4);
        TimeUnit.NANOSECONDS.sleep(Math.max(0, outageStart + OUTAGE.toNanos() - System.nanoTime()));

        assertThat(delivery.pause().current()).as("paused after WEBHOOK_PAUSE_AFTER (scaled) of refused connections")
                .isPresent();
        int total = PEOPLE * 4;
        assertThat(store.deliveryCounts()).isEqualTo(new DeliveryCounts(total, 0, 0));

        receiver = LocalReceiver.start(port).on("/hook", exchange -> {
            accepted.add((String) LocalReceiver.json(exchange).get("event_id"));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> store.deliveryCounts().delivered() == total);
        stopPolling.set(true);
        polling.get(30, TimeUnit.SECONDS);

        assertThat(store.deliveryCounts()).isEqualTo(new DeliveryCounts(0, total, 0));
        assertThat(delivery.pause().current()).isEmpty();
        assertThat(accepted).as("each event accepted exactly once").hasSize(total).doesNotHaveDuplicates();
        for (List<String> person : byPerson) {
            assertThat(accepted.stream().filter(person::contains).toList()).as("one person's events in order").isEqualTo(person);
        }
        int attempts = byPerson.stream().flatMap(List::stream)
                .mapToInt(id -> store.findEvent(UUID.fromString(id)).orElseThrow().deliveryAttempts()).sum();
        assertThat(attempts).as("failed attempts during the outage, besides the one delivery each").isGreaterThan(total);
    }
}
