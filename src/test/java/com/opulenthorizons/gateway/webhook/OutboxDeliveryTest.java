package com.opulenthorizons.gateway.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.opulenthorizons.gateway.LogCapture;
import com.opulenthorizons.gateway.common.WireJson;
import com.opulenthorizons.gateway.store.DeliveryStatus;
import com.opulenthorizons.gateway.store.InMemoryLeadStore;
import com.opulenthorizons.gateway.store.NewWorkflowEvent;
import com.opulenthorizons.gateway.store.StoredEvent;
import com.opulenthorizons.gateway.testing.Hmac;
import com.opulenthorizons.gateway.testing.LocalReceiver;
import com.sun.net.httpserver.Headers;

class OutboxDeliveryTest {

    /** A stand-in workflow webhook that answers 503 to its first {@code failFirst} requests. */
    private LocalReceiver receiver;
    private final List<Map<String, Object>> received = new CopyOnWriteArrayList<>();
    /** Each accepted request's headers and raw body, in arrival order. */
    private final List<Map.Entry<Headers, byte[]>> raw = new CopyOnWriteArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();
    private volatile int failFirst;

    private final CountDownLatch endOfTest = new CountDownLatch(1);

    private final InMemoryLeadStore store = new InMemoryLeadStore();

    @BeforeEach
    void startReceiver() throws IOException {
        receiver = LocalReceiver.start();
        receiver.on("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            int status = requests.incrementAndGet() <= failFirst ? 503 : 200;
            if (status == 200) {
                @SuppressWarnings("unchecked")
                Map<String, Object> json = WireJson.MAPPER.readValue(new String(body, StandardCharsets.UTF_8), Map.class);
                json.put("_header_event_id", exchange.getRequestHeaders().getFirst("X-Event-Id"));
                received.add(json);
                raw.add(Map.entry(exchange.getRequestHeaders(), body));
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        // Answers the headers and ten of a hundred body bytes, then holds the rest until the test ends.
        receiver.on("/stall", exchange -> {
            exchange.getRequestBody().readAllBytes();
            requests.incrementAndGet();
            exchange.sendResponseHeaders(200, 100);
            exchange.getResponseBody().write(new byte[10]);
            exchange.getResponseBody().flush();
            try {
                endOfTest.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        // Plays a second sender: takes the event over once the first one's lease has run out, then accepts it.
        receiver.on("/reclaim", exchange -> {
            exchange.getRequestBody().readAllBytes();
            requests.incrementAndGet();
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !store.claimDue(5, Duration.ofMinutes(1)).isEmpty());
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
    }

    @AfterEach
    void stopReceiver() {
        endOfTest.countDown();
        receiver.close();
    }

    private OutboxDelivery delivery(URI url, int maxAttempts) {
        return new OutboxDelivery(store, settings(Optional.of(url), maxAttempts, Optional.empty(), Optional.empty()));
    }

    private static DeliverySettings settings(Optional<URI> url, int maxAttempts, Optional<StandardWebhooksSigner> signer,
            Optional<String> authorization) {
        return new DeliverySettings(url, RetryPolicy.parse("20ms,40ms,100ms", "1h", 0.2, maxAttempts), Duration.ofSeconds(2),
                Duration.ofMillis(10), 5, Duration.ofMinutes(1), signer, authorization);
    }

    private URI hook() {
        return receiver.uri("/hook");
    }

    private UUID append(UUID ohid) {
        UUID id = UUID.randomUUID();
        store.append(new NewWorkflowEvent(id, ohid, "CallCompleted", Map.of("call_id", "c-9", "event_type", "spoofed"),
                "CLOUDTALK", null, "corr-9"));
        return id;
    }

    @Test
    void postsTheEnvelopeWithTheEventData() {
        UUID ohid = UUID.randomUUID();
        UUID id = append(ohid);

        assertThat(delivery(hook(), 3).deliverDue()).isEqualTo(1);

        assertThat(received).singleElement().satisfies(body -> {
            assertThat(body).containsEntry("event_id", id.toString())
                    .containsEntry("event_type", "CallCompleted") // the envelope wins over the event's own field
                    .containsEntry("ohid", ohid.toString())
                    .containsEntry("source_system", "CLOUDTALK")
                    .containsEntry("correlation_id", "corr-9")
                    .containsEntry("call_id", "c-9")
                    .containsEntry("_header_event_id", id.toString())
                    .containsKey("occurred_at");
        });
        StoredEvent stored = store.findEvent(id).orElseThrow();
        assertThat(stored.deliveryStatus()).isEqualTo(DeliveryStatus.DELIVERED);
        assertThat(stored.deliveryAttempts()).isEqualTo(1);
    }

    @Test
    void aSignedDeliveryCarriesStandardWebhooksHeadersThatVerifyWithEverySecret() throws Exception {
        String oldKey = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        String newKey = "whsec_" + Base64.getEncoder().encodeToString("a new 32-byte key for rotation!!".getBytes(StandardCharsets.UTF_8));
        UUID id = append(null);
        long before = Instant.now().getEpochSecond();
        new OutboxDelivery(store, settings(Optional.of(hook()), 3, Optional.of(StandardWebhooksSigner.of(oldKey + "," + newKey)),
                Optional.of("Bearer n8n-header-auth"))).deliverDue();

        assertThat(raw).singleElement().satisfies(request -> {
            Headers headers = request.getKey();
            assertThat(headers.getFirst("webhook-id")).isEqualTo(id.toString());
            assertThat(headers.getFirst("X-Event-Id")).isEqualTo(id.toString());
            assertThat(headers.getFirst("X-Correlation-Id")).isEqualTo("corr-9");
            assertThat(headers.getFirst("Authorization")).isEqualTo("Bearer n8n-header-auth");
            long timestamp = Long.parseLong(headers.getFirst("webhook-timestamp"));
            assertThat(timestamp).isBetween(before, Instant.now().getEpochSecond());
            // Verified as a receiver would, apart from the signer: HMAC of "id.timestamp.body" with each key.
            String signed = id + "." + timestamp + "." + new String(request.getValue(), StandardCharsets.UTF_8);
            assertThat(headers.getFirst("webhook-signature").split(" "))
                    .containsExactly(Hmac.standardWebhooksSignature(oldKey, signed.getBytes(StandardCharsets.UTF_8)),
                            Hmac.standardWebhooksSignature(newKey, signed.getBytes(StandardCharsets.UTF_8)));
        });
    }

    @Test
    void anUnsignedDeliveryHasNoSignatureOrAuthorizationHeaders() {
        append(null);
        delivery(hook(), 3).deliverDue();
        assertThat(raw).singleElement().satisfies(request -> {
            assertThat(request.getKey()).doesNotContainKeys("Webhook-signature", "Webhook-id", "Webhook-timestamp", "Authorization");
        });
    }

    @Test
    void theSettingsTextHidesTheAuthorizationValue() {
        assertThat(settings(Optional.of(hook()), 3, Optional.empty(), Optional.of("Bearer top-secret-token")).toString())
                .doesNotContain("top-secret-token").contains("authorization=set");
    }

    @Test
    void aReceiverThatIsDownForTheFirstAttemptsStillGetsEveryEvent() {
        failFirst = 7;
        List<UUID> ids = List.of(append(null), append(null), append(null));
        OutboxDelivery delivery = delivery(hook(), 10);

        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10)).until(() -> {
            delivery.deliverDue();
            return received.size() == 3;
        });

        assertThat(received).extracting(b -> b.get("event_id")).containsExactlyInAnyOrderElementsOf(
                ids.stream().map(UUID::toString).toList());
        ids.forEach(id -> assertThat(store.findEvent(id).orElseThrow().deliveryStatus()).isEqualTo(DeliveryStatus.DELIVERED));
        assertThat(store.deliveryCounts().failed()).isZero();
    }

    @Test
    void aReceiverThatIsDownForGoodLeavesTheEventFailedWithItsError() {
        failFirst = Integer.MAX_VALUE;
        UUID id = append(null);
        OutboxDelivery delivery = delivery(hook(), 3);

        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10)).until(() -> {
            delivery.deliverDue();
            return store.findEvent(id).orElseThrow().deliveryStatus() == DeliveryStatus.FAILED;
        });

        StoredEvent failed = store.findEvent(id).orElseThrow();
        assertThat(failed.deliveryAttempts()).isEqualTo(3);
        assertThat(failed.lastError()).isEqualTo("HTTP 503");
        assertThat(requests.get()).isEqualTo(3);
    }

    @Test
    void withoutAnAttemptCapAnEventIsRetriedUntilItIsRetryForOld() {
        failFirst = Integer.MAX_VALUE;
        UUID id = append(null);
        DeliverySettings settings = new DeliverySettings(Optional.of(hook()), RetryPolicy.parse("50ms", "600ms", 0.2, 0),
                Duration.ofSeconds(2), Duration.ofMillis(10), 5, Duration.ofMinutes(1), Optional.empty(), Optional.empty());
        OutboxDelivery delivery = new OutboxDelivery(store, settings);

        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10)).until(() -> {
            delivery.deliverDue();
            return store.findEvent(id).orElseThrow().deliveryStatus() == DeliveryStatus.FAILED;
        });

        StoredEvent failed = store.findEvent(id).orElseThrow();
        // about 600 ms of 50 ms waits: several attempts, the last one when the event was 600 ms old
        assertThat(failed.deliveryAttempts()).isGreaterThan(3).isEqualTo(requests.get());
        assertThat(Duration.between(failed.occurredAt(), Instant.now())).isGreaterThanOrEqualTo(Duration.ofMillis(600));
    }

    @Test
    void aReceiverThatStallsInTheMiddleOfItsAnswerTimesOutAndTheEventIsRetried() {
        UUID id = append(null);
        URI stall = receiver.uri("/stall");
        DeliverySettings settings = new DeliverySettings(Optional.of(stall), RetryPolicy.parse("1h", "25h", 0.2, 0),
                Duration.ofMillis(500), Duration.ofMillis(10), 5, Duration.ofMinutes(1), Optional.empty(), Optional.empty());
        OutboxDelivery delivery = new OutboxDelivery(store, settings);

        long started = System.nanoTime();
        assertThat(delivery.deliverDue()).isEqualTo(1);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        StoredEvent retrying = store.findEvent(id).orElseThrow();
        assertThat(retrying.deliveryStatus()).isEqualTo(DeliveryStatus.PENDING);
        assertThat(retrying.deliveryAttempts()).isEqualTo(1);
        assertThat(retrying.lastError()).isEqualTo("no complete answer within 500 ms (WEBHOOK_TIMEOUT_MS)");
        assertThat(requests.get()).isEqualTo(1);
    }

    @Test
    void aSenderThatLostItsLeaseRecordsNothingAndSaysSo() {
        UUID id = append(null);
        URI reclaim = receiver.uri("/reclaim");
        // One slot: this sender cannot claim the event again itself while its request is in flight.
        DeliverySettings oneMillisecondLease = new DeliverySettings(Optional.of(reclaim), RetryPolicy.parse("1h", "25h", 0.2, 0),
                Duration.ofSeconds(10), Duration.ofMillis(10), 1, Duration.ofMillis(1), Optional.empty(), Optional.empty());

        try (LogCapture log = LogCapture.of(OutboxDelivery.class)) {
            new OutboxDelivery(store, oneMillisecondLease).deliverDue();

            assertThat(log.records()).singleElement().satisfies(r -> assertThat(r.getMessage())
                    .contains("correlation_id=corr-9", id.toString(), "lease passed to another sender"));
        }
        StoredEvent event = store.findEvent(id).orElseThrow();
        assertThat(event.deliveryStatus()).isEqualTo(DeliveryStatus.PENDING); // the second sender's to settle
        assertThat(event.deliveryAttempts()).isZero();
    }

    @Test
    void anUnreachableReceiverIsRecordedAsTheError() {
        UUID id = append(null);
        receiver.close();
        delivery(hook(), 1).deliverDue();
        StoredEvent failed = store.findEvent(id).orElseThrow();
        assertThat(failed.deliveryStatus()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(failed.lastError()).contains("ConnectException");
    }

    @Test
    void withoutAUrlNothingIsClaimed() {
        UUID id = append(null);
        DeliverySettings none = settings(Optional.empty(), 3, Optional.empty(), Optional.empty());
        assertThat(new OutboxDelivery(store, none).deliverDue()).isZero();
        assertThat(store.findEvent(id).orElseThrow().deliveryStatus()).isEqualTo(DeliveryStatus.PENDING);
    }
}
