package it.com.opulenthorizons.gateway.webhook;

import static it.com.opulenthorizons.gateway.GatewayUnderTest.call;
import static it.com.opulenthorizons.gateway.GatewayUnderTest.structured;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.awaitility.Awaitility;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.api.extension.ExtendWith;

import com.opulenthorizons.gateway.testing.Hmac;
import com.opulenthorizons.gateway.testing.ValidLead;

import io.modelcontextprotocol.client.McpSyncClient;
import it.com.opulenthorizons.gateway.GatewayUnderTest;
import it.com.opulenthorizons.gateway.ItPostgres;
import it.com.opulenthorizons.gateway.ItWebhookReceiver;
import it.com.opulenthorizons.gateway.ItWebhookReceiver.Delivery;

/** Workflow events reach the stand-in workflow webhook after commit, through outages, or end FAILED. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestInstance(Lifecycle.PER_CLASS)
class WorkflowDeliveryIT {

    private McpSyncClient client;

    @BeforeAll
    void connect() {
        client = GatewayUnderTest.mcpClient("/mcp/lead-ingest");
    }

    @AfterAll
    void disconnect() {
        client.closeGracefully();
    }

    private static Map<String, Object> lead(String sourceLeadId) {
        return ValidLead.web(sourceLeadId).email(sourceLeadId + "@example.com").arguments();
    }

    private static Optional<Delivery> deliveryOfIngest(String ingestId) {
        return ItWebhookReceiver.deliveries().stream().filter(d -> ingestId.equals(d.payloadValue("ingest_id"))).findFirst();
    }

    /** The delivery state of the LeadIngested event of one ingest, as stored. */
    private static Map<String, Object> deliveryState(String ingestId) throws Exception {
        try (Connection c = ItPostgres.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT id, delivery_status, delivery_attempts, last_error FROM workflow_event WHERE payload ->> 'ingest_id' = ?")) {
            s.setString(1, ingestId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                Map<String, Object> row = new HashMap<>();
                row.put("id", rs.getString(1));
                row.put("status", rs.getString(2));
                row.put("attempts", rs.getInt(3));
                row.put("last_error", rs.getString(4));
                return row;
            }
        }
    }

    private String ingest(String sourceLeadId) {
        return (String) structured(call(client, "ingest_lead", lead(sourceLeadId))).get("ingest_id");
    }

    @Test
    void anIngestsEventArrivesWithTheEnvelopeAfterItWasCommitted() throws Exception {
        Map<String, Object> out = structured(call(client, "ingest_lead", lead("ok-" + UUID.randomUUID())));
        String ingestId = (String) out.get("ingest_id");

        Delivery delivery = Awaitility.await().atMost(Duration.ofSeconds(20))
                .until(() -> deliveryOfIngest(ingestId), Optional::isPresent).orElseThrow();

        assertThat(delivery.committedWhenDelivered()).isTrue();
        assertThat(delivery.body()).containsEntry("event_type", "LeadIngested")
                .containsEntry("ohid", out.get("ohid"))
                .containsEntry("source_system", "WEB")
                .containsKeys("event_id", "occurred_at", "correlation_id");
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> "DELIVERED".equals(deliveryState(ingestId).get("status")));
    }

    /** WEBHOOK_SIGNING_SECRET of the test server (pom.xml): an old and a new key, as during a rotation. */
    private static final List<String> SIGNING_SECRETS = List.of("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
            "whsec_aXQtbmV3LXNpZ25pbmcta2V5LTMyLWJ5dGVzLWxvbmc=");

    @Test
    void theReceiverCanVerifyEachDeliveryWithEitherSigningSecret() throws Exception {
        String ingestId = ingest("signed-" + UUID.randomUUID());

        Delivery delivery = Awaitility.await().atMost(Duration.ofSeconds(20))
                .until(() -> deliveryOfIngest(ingestId), Optional::isPresent).orElseThrow();

        Map<String, String> headers = delivery.headers();
        assertThat(headers.get("webhook-id")).isEqualTo(delivery.payloadValue("event_id")).isEqualTo(headers.get("x-event-id"));
        long timestamp = Long.parseLong(headers.get("webhook-timestamp"));
        assertThat(Math.abs(Instant.now().getEpochSecond() - timestamp)).isLessThanOrEqualTo(300);
        assertThat(headers.get("authorization")).isEqualTo("Bearer it-workflow-token");
        // What a receiver does: HMAC-SHA256 of "id.timestamp.body" under each secret it knows.
        byte[] prefix = (headers.get("webhook-id") + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8);
        byte[] signed = ByteBuffer.allocate(prefix.length + delivery.rawBody().length).put(prefix).put(delivery.rawBody()).array();
        List<String> signatures = List.of(headers.get("webhook-signature").split(" "));
        for (String secret : SIGNING_SECRETS) {
            assertThat(signatures).contains(Hmac.standardWebhooksSignature(secret, signed));
        }
    }

    @Test
    void aReceiverThatRefusesTheFirstAttemptsStillGetsTheEvent() throws Exception {
        String ingestId = ingest("flaky-" + UUID.randomUUID());

        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> deliveryOfIngest(ingestId).isPresent());
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> "DELIVERED".equals(deliveryState(ingestId).get("status")));
        Map<String, Object> state = deliveryState(ingestId);
        assertThat(state.get("attempts")).isEqualTo(4);
        assertThat(ItWebhookReceiver.attempts((String) state.get("id"))).isEqualTo(4);
    }

    @Test
    void aReceiverThatIsDownForGoodLeavesTheEventFailedWithTheError() throws Exception {
        String ingestId = ingest("down-" + UUID.randomUUID());

        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> "FAILED".equals(deliveryState(ingestId).get("status")));
        Map<String, Object> state = deliveryState(ingestId);
        assertThat(state.get("attempts")).isEqualTo(4);
        assertThat(state.get("last_error")).isEqualTo("HTTP 503");
        assertThat(deliveryOfIngest(ingestId)).isEmpty();
    }

    @Test
    void aFailedEventIsListedAndOnceReplayedIsDelivered() throws Exception {
        Map<String, Object> ingested = structured(call(client, "ingest_lead", lead("replayed-" + UUID.randomUUID())));
        String ingestId = (String) ingested.get("ingest_id");
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> "FAILED".equals(deliveryState(ingestId).get("status")));
        String eventId = (String) deliveryState(ingestId).get("id");

        Map<String, Object> page = structured(call(client, "list_events",
                Map.of("status", "FAILED", "type", "LeadIngested", "ohid", ingested.get("ohid"))));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> events = (List<Map<String, Object>>) page.get("events");
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e).containsEntry("id", eventId).containsEntry("status", "FAILED").containsEntry("attempts", 4)
                    .containsEntry("last_error", "HTTP 503").containsKey("occurred_at").doesNotContainKey("next_attempt_at");
        });

        assertThat(structured(call(client, "replay_events", Map.of("event_ids", List.of(eventId)))))
                .containsEntry("replayed", 1);

        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> deliveryOfIngest(ingestId).isPresent());
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> "DELIVERED".equals(deliveryState(ingestId).get("status")));
        assertThat(deliveryState(ingestId).get("attempts")).as("attempts since the replay").isEqualTo(1);
        assertThat(ItWebhookReceiver.attempts(eventId)).isEqualTo(5);
    }

    @Test
    void aFailedEventReplayedThroughTheRestOperationIsDelivered() throws Exception {
        Map<String, Object> ingested = structured(call(client, "ingest_lead", lead("replayed-rest-" + UUID.randomUUID())));
        String ingestId = (String) ingested.get("ingest_id");
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> "FAILED".equals(deliveryState(ingestId).get("status")));
        String eventId = (String) deliveryState(ingestId).get("id");

        java.net.http.HttpResponse<String> replayed = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(GatewayUnderTest.uri("/admin/events/replay"))
                        .header("Authorization", "Bearer " + GatewayUnderTest.API_KEY)
                        .header("Content-Type", "application/json")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"event_ids\":[\"" + eventId + "\"]}")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());

        assertThat(replayed.statusCode()).isEqualTo(200);
        assertThat(replayed.body()).isEqualTo("{\"replayed\":1}");
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> "DELIVERED".equals(deliveryState(ingestId).get("status")));
        assertThat(ItWebhookReceiver.attempts(eventId)).isEqualTo(5);
    }

    @Test
    void aReplayNeedsEitherEventIdsOrTheFailedFilter() {
        var result = call(client, "replay_events", Map.of());
        assertThat(result.isError()).isTrue();
        assertThat(GatewayUnderTest.text(result)).contains("give either event_ids, or status FAILED");
    }

    @Test
    void eventsIngestedFromConcurrentSessionsAllArriveAfterTheirCommit() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<List<String>>> sessions = new ArrayList<>();
        for (int s = 0; s < 8; s++) {
            sessions.add(pool.submit(() -> {
                McpSyncClient session = GatewayUnderTest.mcpClient("/mcp/lead-ingest");
                try {
                    List<String> ids = new ArrayList<>();
                    for (int i = 0; i < 25; i++) {
                        ids.add((String) structured(call(session, "ingest_lead", lead("bulk-" + UUID.randomUUID()))).get("ingest_id"));
                    }
                    return ids;
                } finally {
                    session.closeGracefully();
                }
            }));
        }
        Set<String> ingestIds = new java.util.HashSet<>();
        for (Future<List<String>> f : sessions) {
            ingestIds.addAll(f.get(120, TimeUnit.SECONDS));
        }
        pool.shutdown();
        assertThat(ingestIds).hasSize(200);

        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> ItWebhookReceiver.deliveries().stream()
                .map(d -> d.payloadValue("ingest_id")).filter(ingestIds::contains).collect(Collectors.toSet()).size() == 200);
        assertThat(ItWebhookReceiver.deliveries().stream().filter(d -> ingestIds.contains(d.payloadValue("ingest_id"))))
                .allSatisfy(d -> assertThat(d.committedWhenDelivered()).isTrue());
    }
}
