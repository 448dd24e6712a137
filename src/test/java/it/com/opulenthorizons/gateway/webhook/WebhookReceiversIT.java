package it.com.opulenthorizons.gateway.webhook;

import static it.com.opulenthorizons.gateway.GatewayUnderTest.call;
import static it.com.opulenthorizons.gateway.GatewayUnderTest.structured;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import java.util.UUID;

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

/** POST /webhooks/cloudtalk and /webhooks/notion on Liberty, against PostgreSQL. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestInstance(Lifecycle.PER_CLASS)
class WebhookReceiversIT {

    private static final String CLOUDTALK_SECRET = "it-cloudtalk-secret";
    private static final String NOTION_SECRET = "it-notion-secret";

    private final HttpClient http = HttpClient.newHttpClient();
    private McpSyncClient client;

    @BeforeAll
    void connect() {
        client = GatewayUnderTest.mcpClient("/mcp/lead-ingest");
    }

    @AfterAll
    void disconnect() {
        client.closeGracefully();
    }

    private static HttpResponse<String> post(String path, String body, String... headers) throws Exception {
        return GatewayUnderTest.post(path, body, headers);
    }

    private static Map<String, Object> json(HttpResponse<String> response) {
        return GatewayUnderTest.json(response);
    }

    private static long eventsOfCall(String callId) throws Exception {
        try (Connection c = ItPostgres.dataSource().getConnection();
                PreparedStatement s = c.prepareStatement("SELECT count(*) FROM workflow_event WHERE payload ->> 'call_id' = ?")) {
            s.setString(1, callId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static String ohidOfEvent(String eventId) throws Exception {
        return ofEvent("ohid", eventId);
    }

    private static String viaOfEvent(String eventId) throws Exception {
        return ofEvent("payload ->> 'via'", eventId);
    }

    /** One column (a fixed SQL expression of this test's) of the stored event, as text. */
    private static String ofEvent(String column, String eventId) throws Exception {
        try (Connection c = ItPostgres.dataSource().getConnection();
                PreparedStatement s = c.prepareStatement("SELECT " + column + " FROM workflow_event WHERE id = ?")) {
            s.setObject(1, UUID.fromString(eventId));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    private static String callBody(String callId, String from) {
        return "{\"event_type\":\"call.started\",\"call_id\":\"" + callId + "\",\"direction\":\"inbound\","
                + "\"from_number\":\"" + from + "\",\"to_number\":\"+14155550100\"}";
    }

    @Test
    void aToolCallWithTheSameCallIdDoesNotShadowTheSignedDelivery() throws Exception {
        String callId = "call-" + UUID.randomUUID();
        Map<String, Object> fromTool = structured(call(client, "process_cloudtalk_event", Map.of("event_type", "call.started",
                "call_id", callId, "direction", "inbound", "from_number", "+14155550123", "to_number", "+14155550100")));
        String body = callBody(callId, "+14155550123");

        HttpResponse<String> signed = post("/webhooks/cloudtalk", body, "X-CloudTalk-Signature", Hmac.sha256Hex(CLOUDTALK_SECRET, body));

        assertThat(signed.statusCode()).as(signed.body()).isEqualTo(200);
        String signedId = (String) json(signed).get("event_id");
        assertThat(signedId).isNotEqualTo(fromTool.get("event_id"));
        assertThat(viaOfEvent(signedId)).isEqualTo("webhook");
        assertThat(viaOfEvent((String) fromTool.get("event_id"))).isEqualTo("mcp");
        assertThat(eventsOfCall(callId)).isEqualTo(2);
    }

    @Test
    void aSignedCallFromAKnownLeadIsStoredWithTheLeadsOhid() throws Exception {
        String phone = "+1 415 555 " + String.format("%04d", (int) (Math.random() * 9999));
        Object ohid = structured(call(client, "ingest_lead", ValidLead.web("w-" + UUID.randomUUID()).phone(phone).arguments()))
                .get("ohid");
        String callId = "call-" + UUID.randomUUID();
        String body = callBody(callId, phone.replace(" ", ""));

        HttpResponse<String> response = post("/webhooks/cloudtalk", body, "X-CloudTalk-Signature", Hmac.sha256Hex(CLOUDTALK_SECRET, body));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(json(response)).containsEntry("event_type", "CallReceived").containsEntry("accepted", true);
        assertThat(ohidOfEvent((String) json(response).get("event_id"))).isEqualTo(ohid);
    }

    @Test
    void aBearerSecretIsAcceptedAndARepeatedDeliveryIsStoredOnce() throws Exception {
        String callId = "call-" + UUID.randomUUID();
        String body = callBody(callId, "+14155550199");
        HttpResponse<String> first = post("/webhooks/cloudtalk", body, "Authorization", "Bearer " + CLOUDTALK_SECRET);
        HttpResponse<String> again = post("/webhooks/cloudtalk", body, "Authorization", "Bearer " + CLOUDTALK_SECRET);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(json(again).get("event_id")).isEqualTo(json(first).get("event_id"));
        assertThat(eventsOfCall(callId)).isEqualTo(1);
        assertThat(ohidOfEvent((String) json(first).get("event_id"))).isNull();
    }

    @Test
    void aBadSignatureIs401AndNothingIsStored() throws Exception {
        String callId = "call-" + UUID.randomUUID();
        String body = callBody(callId, "+14155550198");
        HttpResponse<String> response = post("/webhooks/cloudtalk", body, "X-CloudTalk-Signature", Hmac.sha256Hex("guess", body));
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(json(response)).containsEntry("error", "signature does not match").containsKey("correlation_id");
        assertThat(eventsOfCall(callId)).isZero();
        assertThat(post("/webhooks/cloudtalk", body).statusCode()).isEqualTo(401);
    }

    @Test
    void aMalformedBodyIs400() throws Exception {
        String body = "{\"event_type\":\"call.started\"";
        HttpResponse<String> response = post("/webhooks/cloudtalk", body, "X-CloudTalk-Signature", Hmac.sha256Hex(CLOUDTALK_SECRET, body));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("error")).isEqualTo("body is not valid JSON");
    }

    @Test
    void beforeTheSecretIsSetNotionsVerificationTokenIsRecordedAndOnlyMaskedInTheLog() throws Exception {
        // The in-memory server has no NOTION_WEBHOOK_SECRET: a subscription is being set up.
        String token = "secret_" + UUID.randomUUID().toString().replace("-", "");
        String base = System.getProperty("it.memory.base.url", "http://localhost:9181");
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/webhooks/notion"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"verification_token\":\"" + token + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Path server = Path.of(System.getProperty("it.wlp.home"), "usr", "servers", System.getProperty("it.memory.server.name"));
        assertThat(Files.readString(server.resolve("notion-verification-token.txt"))).contains(" " + token + System.lineSeparator());
        assertThat(Files.readString(server.resolve("logs/messages.log")))
                .contains("Notion verification token received: \u2026" + token.substring(token.length() - 4))
                .doesNotContain(token);
    }

    @Test
    void onceTheSecretIsSetAVerificationTokenIsRefusedAndNotWritten() throws Exception {
        String token = "secret_" + UUID.randomUUID().toString().replace("-", "");
        HttpResponse<String> response = post("/webhooks/notion", "{\"verification_token\":\"" + token + "\"}");

        assertThat(response.statusCode()).isEqualTo(403);
        Path file = Path.of(System.getProperty("it.notion.token.file"));
        assertThat(Files.exists(file) ? Files.readString(file) : "").doesNotContain(token);
    }

    @Test
    void aSignedNotionEventIsStoredAndABadlySignedOneIs401() throws Exception {
        String body = "{\"id\":\"" + UUID.randomUUID() + "\",\"type\":\"page.properties_updated\"}";
        HttpResponse<String> good = post("/webhooks/notion", body, "X-Notion-Signature", "sha256=" + Hmac.sha256Hex(NOTION_SECRET, body));
        assertThat(good.statusCode()).as(good.body()).isEqualTo(200);
        assertThat(json(good)).containsEntry("accepted", true);

        HttpResponse<String> bad = post("/webhooks/notion", body, "X-Notion-Signature", "sha256=" + Hmac.sha256Hex("guess", body));
        assertThat(bad.statusCode()).isEqualTo(401);
        assertThat(post("/webhooks/notion", "{\"type\":\"page.created\"}").statusCode()).isEqualTo(401);
    }

    @Test
    void anOversizedBodyIsRefusedBeforeItIsRead() throws Exception {
        String huge = "{\"pad\":\"" + "x".repeat(300_000) + "\"}";
        assertThat(post("/webhooks/cloudtalk", huge, "Authorization", "Bearer " + CLOUDTALK_SECRET).statusCode()).isEqualTo(413);
    }

    @Test
    void theOriginalChallengeEchoStillWorks() throws Exception {
        HttpResponse<String> response = post("/webhooks/notion", "{\"challenge\":\"xyz\"}");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response)).isEqualTo(Map.of("challenge", "xyz"));
    }
}
