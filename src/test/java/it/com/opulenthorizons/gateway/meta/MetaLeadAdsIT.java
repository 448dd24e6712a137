package it.com.opulenthorizons.gateway.meta;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static it.com.opulenthorizons.gateway.GatewayUnderTest.call;
import static it.com.opulenthorizons.gateway.GatewayUnderTest.structured;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.api.extension.ExtendWith;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.opulenthorizons.gateway.testing.GraphLeads;
import com.opulenthorizons.gateway.testing.Hmac;

import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema.ReadResourceRequest;
import io.modelcontextprotocol.spec.McpSchema.TextResourceContents;
import it.com.opulenthorizons.gateway.GatewayUnderTest;
import it.com.opulenthorizons.gateway.ItPostgres;
import it.com.opulenthorizons.gateway.ItGraph;
import it.com.opulenthorizons.gateway.ItWebhookReceiver;
import tools.jackson.databind.json.JsonMapper;

/**
 * GET and POST /webhooks/meta on Liberty with PostgreSQL, the leads fetched from a stand-in Graph
 * API that speaks Graph's wire format (leads, the error envelope, throttling codes).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestInstance(Lifecycle.PER_CLASS)
class MetaLeadAdsIT {

    private static final String APP_SECRET = "it-meta-app-secret";
    private static final String PAGE_TOKEN = "it-meta-page-token";

    private final HttpClient http = HttpClient.newHttpClient();
    private final WireMockServer graph = ItGraph.graph();
    private McpSyncClient client;

    @BeforeAll
    void connect() {
        client = GatewayUnderTest.mcpClient("/mcp/lead-ingest");
    }

    @AfterAll
    void disconnect() {
        client.closeGracefully();
    }

    private static String leadgenId() {
        return String.valueOf(100_000_000_000_000L + Math.abs(UUID.randomUUID().getMostSignificantBits() % 100_000_000_000_000L));
    }

    /** Graph answers this lead, but only to the page token with its appsecret_proof, as Graph does. */
    private void graphHas(String leadgenId, String email) {
        graph.stubFor(get(urlPathEqualTo("/v21.0/" + leadgenId))
                .withHeader("Authorization", equalTo("Bearer " + PAGE_TOKEN))
                .withQueryParam("appsecret_proof", equalTo(Hmac.sha256Hex(APP_SECRET, PAGE_TOKEN)))
                .willReturn(okJson(GraphLeads.lead(leadgenId, GraphLeads.typicalAnswers(email)))));
    }

    private static HttpResponse<String> notify(String body, String signature) throws Exception {
        return signature == null ? GatewayUnderTest.post("/webhooks/meta", body)
                : GatewayUnderTest.post("/webhooks/meta", body, "X-Hub-Signature-256", signature);
    }

    private HttpResponse<String> notifySigned(String leadgenId) throws Exception {
        String body = GraphLeads.notification(leadgenId);
        return notify(body, "sha256=" + Hmac.sha256Hex(APP_SECRET, body));
    }

    private static List<Map<String, Object>> leadsOf(String leadgenId) throws Exception {
        try (Connection c = ItPostgres.dataSource().getConnection();
                PreparedStatement s = c.prepareStatement("SELECT id, payload::text FROM lead_context WHERE source_system = 'META' "
                        + "AND source_lead_id = ?")) {
            s.setString(1, leadgenId);
            List<Map<String, Object>> leads = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> payload = JsonMapper.shared().readValue(rs.getString(2), Map.class);
                    leads.add(Map.of("id", rs.getObject(1).toString(), "payload", payload));
                }
            }
            return leads;
        }
    }

    private static Map<String, Object> awaitLead(String leadgenId) {
        return Awaitility.await("Meta lead " + leadgenId + " ingested").atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(100)).until(() -> leadsOf(leadgenId), l -> !l.isEmpty()).get(0);
    }

    private int graphFetches(String leadgenId) {
        return graph.countRequestsMatching(getRequestedFor(urlPathEqualTo("/v21.0/" + leadgenId)).build()).getCount();
    }

    @Test
    void theSubscriptionHandshakeEchoesTheChallengeForTheVerifyTokenOnly() throws Exception {
        HttpResponse<String> ok = http.send(HttpRequest.newBuilder(GatewayUnderTest.uri(
                "/webhooks/meta?hub.mode=subscribe&hub.verify_token=it-meta-verify-token&hub.challenge=1158201444")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).isEqualTo("1158201444");
        assertThat(ok.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));

        HttpResponse<String> wrong = http.send(HttpRequest.newBuilder(GatewayUnderTest.uri(
                "/webhooks/meta?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1158201444")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(wrong.statusCode()).isEqualTo(403);
        assertThat(wrong.body()).doesNotContain("1158201444");
    }

    @Test
    void aSignedNotificationIsAnsweredAtOnceAndItsLeadIsFetchedIngestedAndSentOnViaWebhook() throws Exception {
        String id = leadgenId();
        String email = "meta." + id + "@example.com";
        graphHas(id, email);

        HttpResponse<String> response = notifySigned(id);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).contains("\"new\":1");

        Map<String, Object> lead = awaitLead(id);
        @SuppressWarnings("unchecked")
        Map<String, Object> payload = (Map<String, Object>) lead.get("payload");
        assertThat(payload).containsEntry("channel", "META_LEAD_AD").containsEntry("via", "webhook").containsEntry("caller", "meta")
                .containsEntry("budget_range", "500k-750k");
        assertThat(payload.get("person")).isEqualTo(Map.of("first_name", "Ada", "last_name", "Lovelace", "email", email,
                "phone", "+442079460123"));
        assertThat(payload.get("raw_payload")).asString().contains("when_are_you_looking_to_buy?");

        // found by the identity tools, and sent on as a LeadIngested event with via set
        assertThat(structured(call(client, "lookup_ohid", Map.of("email", email)))).containsKey("ohid");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> personLeads = (List<Map<String, Object>>) structured(call(client, "get_person",
                Map.of("email", email))).get("leads");
        assertThat(personLeads).anySatisfy(l -> assertThat(l).containsEntry("source_system", "META")
                .containsEntry("channel", "META_LEAD_AD").containsEntry("source_lead_id", id));
        Awaitility.await("LeadIngested delivered").atMost(Duration.ofSeconds(20)).until(() -> ItWebhookReceiver.deliveries().stream()
                .anyMatch(d -> lead.get("id").equals(d.payloadValue("ingest_id")) && "webhook".equals(d.payloadValue("via"))
                        && "LeadIngested".equals(d.payloadValue("event_type"))));
    }

    @Test
    void metasRepeatedNotificationsStoreOneLead() throws Exception {
        String id = leadgenId();
        graphHas(id, "meta.dup." + id + "@example.com");
        assertThat(notifySigned(id).statusCode()).isEqualTo(200);
        awaitLead(id);
        HttpResponse<String> again = notifySigned(id);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).contains("\"new\":0");

        assertThat(leadsOf(id)).hasSize(1);
        assertThat(graphFetches(id)).isEqualTo(1);
    }

    @Test
    void aBadOrMissingSignatureIs401AndStoresNothing() throws Exception {
        String id = leadgenId();
        String body = GraphLeads.notification(id);
        assertThat(notify(body, "sha256=" + Hmac.sha256Hex("wrong-secret", body)).statusCode()).isEqualTo(401);
        assertThat(notify(body, null).statusCode()).isEqualTo(401);
        // polls of the fetch worker, which must find nothing
        Awaitility.await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> graphFetches(id) == 0);
        assertThat(leadsOf(id)).isEmpty();
    }

    @Test
    void throttlingAndAGraphOutageAreRetriedUntilTheLeadIsFetched() throws Exception {
        String id = leadgenId();
        String url = "/v21.0/" + id;
        graph.stubFor(get(urlPathEqualTo(url)).inScenario(id).whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody(GraphLeads.error(80001, 2446079, "OAuthException", "There have been too many calls to this Page account.")))
                .willSetStateTo("throttled once"));
        graph.stubFor(get(urlPathEqualTo(url)).inScenario(id).whenScenarioStateIs("throttled once")
                .willReturn(aResponse().withStatus(500).withHeader("Content-Type", "application/json")
                        .withBody(GraphLeads.error(2, null, "OAuthException", "An unexpected error has occurred.")))
                .willSetStateTo("up"));
        graph.stubFor(get(urlPathEqualTo(url)).inScenario(id).whenScenarioStateIs("up")
                .willReturn(okJson(GraphLeads.lead(id, GraphLeads.typicalAnswers("meta.retry." + id + "@example.com")))));

        assertThat(notifySigned(id).statusCode()).isEqualTo(200);
        awaitLead(id);
        assertThat(graphFetches(id)).isEqualTo(3);
    }

    @Test
    void aPermissionErrorFailsTheLeadVisiblyUntilItIsReplayed() throws Exception {
        String id = leadgenId();
        graph.stubFor(get(urlPathEqualTo("/v21.0/" + id)).atPriority(1).willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/json")
                .withBody(GraphLeads.error(200, null, "OAuthException", "Requires leads_retrieval permission"))));
        assertThat(notifySigned(id).statusCode()).isEqualTo(200);

        // status://pipeline names it, with Graph's error
        Awaitility.await("lead FAILED").atMost(Duration.ofSeconds(20)).until(() -> pipelineStatus().contains(id));
        assertThat(pipelineStatus()).contains("Requires leads_retrieval permission");
        assertThat(graphFetches(id)).as("no retry of a permission error").isEqualTo(1);
        // list_events shows the failure, and the workflow hears of it
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> events = (List<Map<String, Object>>) structured(call(client, "list_events",
                Map.of("type", "MetaLeadFetchFailed"))).get("events");
        assertThat(events).isNotEmpty();
        Awaitility.await("MetaLeadFetchFailed delivered").atMost(Duration.ofSeconds(20)).until(() -> ItWebhookReceiver.deliveries()
                .stream().anyMatch(d -> id.equals(d.payloadValue("leadgen_id"))));
        // the readiness details say how many failed (from this machine, as an operator on the host)
        HttpResponse<String> ready = http.send(HttpRequest.newBuilder(GatewayUnderTest.uri("/admin/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(ready.body()).contains("\"meta_leads_failed\"").contains("\"meta_lead_ads\":\"configured\"");

        // the token gets its permission; a replay fetches the lead
        graphHas(id, "meta.replay." + id + "@example.com");
        graph.removeStub(graph.getStubMappings().stream().filter(m -> m.getPriority() != null && m.getPriority() == 1
                && m.getRequest().getUrlPath() != null && m.getRequest().getUrlPath().endsWith(id)).findFirst().orElseThrow());
        assertThat(structured(call(client, "replay_meta_leads", Map.of("leadgen_ids", List.of(id))))).containsEntry("replayed", 1);
        awaitLead(id);
        assertThat(pipelineStatus()).doesNotContain(id);
    }

    private String pipelineStatus() {
        return ((TextResourceContents) client.readResource(new ReadResourceRequest("status://pipeline")).contents().get(0)).text();
    }

    @Test
    @SuppressWarnings("unchecked")
    void bothReceiversAreInThePipelineStatus() {
        Map<String, Object> status = JsonMapper.shared().readValue(pipelineStatus(), Map.class);
        Map<String, Object> meta = (Map<String, Object>) status.get("meta_lead_ads");
        assertThat(meta).containsEntry("configured", true).containsEntry("verify_token_set", true);
        assertThat((Map<String, Object>) meta.get("leads")).containsKeys("pending", "ingested", "failed");
        assertThat((Map<String, Object>) status.get("web_form")).containsEntry("allowed_origins", List.of("https://www.example.com"))
                .containsEntry("captcha_required", true).containsEntry("thank_you_redirect", true)
                .containsEntry("honeypot_field", "website");
        assertThat((List<String>) status.get("channels")).contains("META_LEAD_AD", "WEB_FORM");
    }

}
