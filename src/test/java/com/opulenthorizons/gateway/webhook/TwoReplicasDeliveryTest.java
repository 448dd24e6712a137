package com.opulenthorizons.gateway.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.opulenthorizons.gateway.store.NewWorkflowEvent;
import com.opulenthorizons.gateway.store.PostgresLeadStore;
import com.opulenthorizons.gateway.store.SchemaMigrator;
import com.opulenthorizons.gateway.store.TestPostgres;
import com.opulenthorizons.gateway.testing.LocalReceiver;

import jakarta.persistence.EntityManagerFactory;

/**
 * Two gateway replicas on one PostgreSQL: two delivery workers, each with its own connections
 * and persistence unit, deliver one batch to one receiver.
 */
class TwoReplicasDeliveryTest {

    private static final int PEOPLE = 50;
    private static final int EVENTS_EACH = 4;

    private LocalReceiver receiver;
    /** Event ids in the order their requests arrived, and the replica that sent each. */
    private final List<String> arrivals = new CopyOnWriteArrayList<>();
    private final Set<String> senders = ConcurrentHashMap.newKeySet();
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private final List<String> sentTwiceAtOnce = new CopyOnWriteArrayList<>();
    /** Holds the first requests until both replicas have sent one, so that both take part. */
    private final CountDownLatch bothReplicasSent = new CountDownLatch(2);

    private DataSource database;
    private final List<EntityManagerFactory> persistenceUnits = new ArrayList<>();
    private final ExecutorService replicas = Executors.newFixedThreadPool(2);

    @BeforeEach
    void start() throws IOException {
        database = TestPostgres.newMigratedDatabase();
        receiver = LocalReceiver.start();
        receiver.on("/hook", exchange -> {
            Map<String, Object> body = LocalReceiver.json(exchange);
            String eventId = (String) body.get("event_id");
            String replica = exchange.getRequestHeaders().getFirst("Authorization");
            if (!inFlight.add(eventId)) {
                sentTwiceAtOnce.add(eventId);
            }
            arrivals.add(eventId);
            if (senders.add(replica)) {
                bothReplicasSent.countDown();
            }
            try {
                bothReplicasSent.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            inFlight.remove(eventId);
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
    }

    @AfterEach
    void stop() {
        replicas.shutdownNow();
        receiver.close();
        persistenceUnits.forEach(EntityManagerFactory::close);
    }

    /** A replica's store: its own data source (own connections) and persistence unit on the shared database. */
    private PostgresLeadStore replicaStore() {
        DataSource own = TestPostgres.server().getDatabase("postgres", databaseName(), Map.of("stringtype", "unspecified"));
        EntityManagerFactory emf = TestPostgres.entityManagerFactory(own);
        persistenceUnits.add(emf);
        return new PostgresLeadStore(emf, own, new SchemaMigrator(own), "embedded");
    }

    private String databaseName() {
        try (var c = database.getConnection()) {
            return c.getCatalog();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private OutboxDelivery replica(PostgresLeadStore store, String name) {
        URI hook = receiver.uri("/hook");
        // The Authorization header tells the receiver which replica sent a request.
        return new OutboxDelivery(store, new DeliverySettings(Optional.of(hook), RetryPolicy.parse("20ms", "1h", 0.2, 0),
                Duration.ofSeconds(20), Duration.ofMillis(10), 4, Duration.ofMinutes(1), Optional.empty(), Optional.of(name)));
    }

    @Test
    void everyEventIsDeliveredOnceNoneByBothAtOnceAndEachPersonsEventsInOrder() throws Exception {
        PostgresLeadStore a = replicaStore();
        PostgresLeadStore b = replicaStore();
        List<List<String>> appendedByPerson = new ArrayList<>();
        for (int p = 0; p < PEOPLE; p++) {
            UUID ohid = UUID.randomUUID();
            List<String> mine = new ArrayList<>();
            for (int e = 0; e < EVENTS_EACH; e++) {
                UUID id = UUID.randomUUID();
                (e % 2 == 0 ? a : b).append(new NewWorkflowEvent(id, ohid, "LeadIngested", Map.of("n", e), "WEBSITE", null, "corr-r"));
                mine.add(id.toString());
            }
            appendedByPerson.add(mine);
        }
        int total = PEOPLE * EVENTS_EACH;

        AtomicBoolean done = new AtomicBoolean();
        List<Future<?>> workers = new ArrayList<>();
        for (var replica : List.of(replica(a, "replica-a"), replica(b, "replica-b"))) {
            workers.add(replicas.submit(() -> {
                while (!done.get()) {
                    replica.deliverDue();
                }
            }));
        }
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> a.deliveryCounts().delivered() == total);
        done.set(true);
        for (Future<?> worker : workers) {
            worker.get(30, TimeUnit.SECONDS);
        }

        assertThat(a.deliveryCounts().pending()).isZero();
        assertThat(sentTwiceAtOnce).as("events in flight from both replicas at once").isEmpty();
        assertThat(arrivals).hasSize(total).doesNotHaveDuplicates();
        assertThat(senders).containsExactlyInAnyOrder("replica-a", "replica-b");
        for (List<String> person : appendedByPerson) {
            assertThat(arrivals.stream().filter(person::contains).toList()).as("one person's events in order").isEqualTo(person);
        }
    }
}
