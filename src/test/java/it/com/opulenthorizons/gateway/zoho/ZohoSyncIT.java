package it.com.opulenthorizons.gateway.zoho;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static it.com.opulenthorizons.gateway.GatewayUnderTest.call;
import static it.com.opulenthorizons.gateway.GatewayUnderTest.structured;
import static it.com.opulenthorizons.gateway.GatewayUnderTest.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.awaitility.Awaitility;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.api.extension.ExtendWith;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.opulenthorizons.gateway.zoho.FakeZoho;

import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.ReadResourceRequest;
import io.modelcontextprotocol.spec.McpSchema.TextResourceContents;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import it.com.opulenthorizons.gateway.GatewayUnderTest;
import it.com.opulenthorizons.gateway.ItPostgres;
import it.com.opulenthorizons.gateway.ItZoho;
import tools.jackson.databind.json.JsonMapper;

/**
 * The zoho-sync tools through the MCP Java SDK's client, against the WAR on Open Liberty, which
 * talks to the fake Zoho (ItZoho) with small fault-tolerance timings (pom.xml): 1.5 s timeout,
 * 2 retries 50 ms apart, a circuit that opens after 10 failed calls in a row for 1.5 s.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestInstance(Lifecycle.PER_CLASS)
class ZohoSyncIT {

    private McpSyncClient client;
    private FakeZoho zoho;

    @BeforeAll
    void connect() {
        client = GatewayUnderTest.mcpClient("/mcp/zoho-sync");
        zoho = ItZoho.zoho();
        // The first Zoho call of a fresh server loads the REST client and may outlast the tests' 1.5 s timeout.
        zoho.grantsTokens(3600);
        String id = uniqueId();
        zoho.hasLead(lead(id));
        Awaitility.await("a first Zoho call succeeds").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> !get(id).isError());
    }

    @AfterAll
    void disconnect() {
        client.closeGracefully();
    }

    @BeforeEach
    void freshFake() {
        zoho.server().resetAll();
        zoho.grantsTokens(3600);
    }

    private static String uniqueId() {
        return String.valueOf(ThreadLocalRandom.current().nextLong(1_000_000_000_000L, 9_000_000_000_000L));
    }

    private static Map<String, Object> lead(String id) {
        return FakeZoho.lead(id, "Ann", "Zoho", "ann." + id + "@example.com", "+4420794" + id.substring(id.length() - 5));
    }

    private CallToolResult get(String id) {
        return call(client, "get_zoho_lead", Map.of("lead_id", id));
    }

    // --- tools/list ---------------------------------------------------------------------------

    @Test
    void listsTheZohoSyncToolsOpenWorldWithSchemas() {
        Map<String, Tool> tools = client.listTools().tools().stream().collect(Collectors.toMap(Tool::name, Function.identity()));
        assertThat(tools).containsOnlyKeys("sync_lead", "get_zoho_lead", "upsert_zoho_lead");
        tools.values().forEach(t -> {
            assertThat(t.outputSchema()).as(t.name() + " outputSchema").isNotNull();
            assertThat(t.annotations().openWorldHint()).as(t.name() + " openWorldHint").isTrue();
        });
        assertThat(tools.get("get_zoho_lead").annotations().readOnlyHint()).isTrue();
        assertThat(tools.get("upsert_zoho_lead").annotations().readOnlyHint()).isFalse();
        assertThat(tools.get("sync_lead").annotations().readOnlyHint()).isFalse();
        // Zoho matches by Email only: repeating either write for a lead without an email inserts another lead
        assertThat(tools.get("upsert_zoho_lead").annotations().idempotentHint()).isFalse();
        assertThat(tools.get("sync_lead").annotations().idempotentHint()).isFalse();
    }

    // --- get_zoho_lead: success, 204, 401, 429, timeout, open circuit -------------------------------

    @Test
    @SuppressWarnings("unchecked")
    void getsALead() {
        String id = uniqueId();
        zoho.hasLead(lead(id));
        CallToolResult result = get(id);
        assertThat(result.isError()).as(text(result)).isFalse();
        assertThat(structured(result)).containsEntry("found", true);
        assertThat((Map<String, Object>) structured(result).get("lead")).containsEntry("Last_Name", "Zoho").containsEntry("id", id);
        zoho.server().verify(getRequestedFor(urlPathEqualTo("/crm/v8/Leads/" + id))
                .withHeader("Authorization", containing("Zoho-oauthtoken ")));
    }

    @Test
    void noContentIsNotFoundRatherThanAnError() {
        String id = uniqueId();
        zoho.hasNoLead(id);
        CallToolResult result = get(id);
        assertThat(result.isError()).isFalse();
        assertThat(structured(result)).isEqualTo(Map.of("found", false, "error", "Zoho has no lead with id " + id));
    }

    @Test
    void anInvalidTokenIsRefreshedAndTheCallSucceeds() {
        String id = uniqueId();
        zoho.answersFirstThenLead("expired-" + id, FakeZoho.error(401, "INVALID_TOKEN", "invalid oauth token"), lead(id));
        CallToolResult result = get(id);
        assertThat(result.isError()).as(text(result)).isFalse();
        assertThat(structured(result)).containsEntry("found", true);
        assertThat(zoho.tokenRequests()).isEqualTo(1);
        zoho.server().verify(2, getRequestedFor(urlPathEqualTo("/crm/v8/Leads/" + id)));
    }

    @Test
    void aScopeMismatchIsAToolErrorNamingTheScopeWithoutARefreshOrRetry() {
        String id = uniqueId();
        zoho.server().stubFor(FakeZoho.getLead(id).willReturn(FakeZoho.error(401, "OAUTH_SCOPE_MISMATCH", "invalid oauth scope to access this URL")));
        CallToolResult result = get(id);
        assertThat(result.isError()).isTrue();
        assertThat(text(result)).contains("OAUTH_SCOPE_MISMATCH").contains("ZohoCRM.modules.leads.READ,ZohoCRM.modules.leads.CREATE,ZohoCRM.modules.leads.WRITE");
        assertThat(zoho.tokenRequests()).isZero();
        zoho.server().verify(1, getRequestedFor(urlPathEqualTo("/crm/v8/Leads/" + id)));
    }

    @Test
    void tooManyRequestsIsRetriedAndTheCallSucceeds() {
        String id = uniqueId();
        zoho.answersFirstThenLead("throttled-" + id, FakeZoho.error(429, "TOO_MANY_REQUESTS", "too many requests"), lead(id));
        CallToolResult result = get(id);
        assertThat(result.isError()).as(text(result)).isFalse();
        assertThat(structured(result)).containsEntry("found", true);
        zoho.server().verify(2, getRequestedFor(urlPathEqualTo("/crm/v8/Leads/" + id)));
    }

    @Test
    void aSlowZohoIsATimeoutToolError() {
        String id = uniqueId();
        zoho.server().stubFor(FakeZoho.getLead(id).willReturn(aResponse().withStatus(200).withFixedDelay(5000)
                .withHeader("Content-Type", "application/json").withBody("{\"data\":[]}")));
        long started = System.nanoTime();
        CallToolResult result = get(id);
        assertThat(result.isError()).isTrue();
        assertThat(text(result)).contains("Zoho did not answer");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(4500));
    }

    @Test
    void repeatedServerErrorsOpenTheCircuitWhichClosesAgainLater() {
        String id = uniqueId();
        zoho.server().stubFor(FakeZoho.getLead(id).willReturn(FakeZoho.error(500, "INTERNAL_ERROR", "internal error")));
        CallToolResult first = get(id);
        assertThat(first.isError()).isTrue();
        assertThat(text(first)).contains("Zoho server error").contains("500");

        Awaitility.await("the circuit opens").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ZERO)
                .until(() -> text(get(id)), t -> t.contains("circuit breaker"));
        int callsWhileOpen = zoho.server().countRequestsMatching(getRequestedFor(urlPathEqualTo("/crm/v8/Leads/" + id)).build()).getCount();
        CallToolResult rejected = get(id);
        assertThat(rejected.isError()).isTrue();
        assertThat(text(rejected)).contains("circuit breaker");
        assertThat(zoho.server().countRequestsMatching(getRequestedFor(urlPathEqualTo("/crm/v8/Leads/" + id)).build()).getCount())
                .as("an open circuit does not call Zoho").isEqualTo(callsWhileOpen);
        assertThat(readStatus()).containsEntry("last_observed_circuit_state", "open").containsKey("circuit_state_observed_at");

        zoho.hasLead(lead(id));
        Awaitility.await("the circuit closes after its delay").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> !get(id).isError());
        assertThat(readStatus()).containsEntry("last_observed_circuit_state", "closed");
    }

    // --- single-flight refresh ---------------------------------------------------------------

    @Test
    void concurrentCallsWithAnExpiredTokenWaitForTheSameRefresh() throws Exception {
        // A refresh now grants a token that is already inside the 5-minute refresh margin, i.e. expired for the gateway.
        zoho.grantsTokens(300);
        String revoked = uniqueId();
        zoho.server().stubFor(FakeZoho.getLead(revoked).willReturn(FakeZoho.error(401, "INVALID_TOKEN", "invalid oauth token")));
        CallToolResult refused = get(revoked);
        assertThat(refused.isError()).isTrue();
        assertThat(text(refused)).contains("freshly refreshed").doesNotContain(FakeZoho.ACCESS_TOKEN);

        zoho.grantsTokens(3600);
        String id = uniqueId();
        zoho.hasLead(lead(id));
        zoho.server().resetRequests();

        List<McpSyncClient> clients = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            clients.add(GatewayUnderTest.mcpClient("/mcp/zoho-sync"));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<CallToolResult>> results = new ArrayList<>();
            for (McpSyncClient c : clients) {
                results.add(pool.submit(() -> {
                    go.await();
                    return call(c, "get_zoho_lead", Map.of("lead_id", id));
                }));
            }
            go.countDown();
            for (Future<CallToolResult> result : results) {
                CallToolResult r = result.get(60, TimeUnit.SECONDS);
                assertThat(r.isError()).as(text(r)).isFalse();
                assertThat(structured(r)).containsEntry("found", true);
            }
        } finally {
            pool.shutdownNow();
            clients.forEach(McpSyncClient::closeGracefully);
        }
        assertThat(zoho.tokenRequests()).as("token requests for 8 concurrent calls").isEqualTo(1);
        zoho.server().verify(8, getRequestedFor(urlPathEqualTo("/crm/v8/Leads/" + id)));
    }

    // --- sync_lead --------------------------------------------------------------------------------

    @Test
    void inboundSyncStoresTheLeadAndASecondInboundDoesNotDuplicateIt() throws Exception {
        String id = uniqueId();
        zoho.hasLead(lead(id));
        CallToolResult first = call(client, "sync_lead", Map.of("zoho_lead_id", id, "sync_direction", "inbound"));
        assertThat(first.isError()).as(text(first)).isFalse();
        Map<String, Object> out = structured(first);
        assertThat(out).containsEntry("status", "success").containsEntry("inbound_success", true)
                .containsEntry("zoho_lead_id", id).containsKeys("ohid", "ingest_id", "execution_time_ms")
                .doesNotContainKey("outbound_success");

        Map<String, Object> again = structured(call(client, "sync_lead", Map.of("zoho_lead_id", id, "sync_direction", "inbound")));
        assertThat(again.get("ohid")).isEqualTo(out.get("ohid"));
        assertThat(again.get("ingest_id")).isEqualTo(out.get("ingest_id"));
        assertThat(storedRows(id)).isEqualTo(1);
    }

    @Test
    void aServerErrorOnTheOutboundSideOfABidirectionalSyncIsPartial() {
        String id = uniqueId();
        zoho.hasLead(lead(id));
        Object ingestId = structured(call(client, "sync_lead", Map.of("zoho_lead_id", id, "sync_direction", "inbound"))).get("ingest_id");
        zoho.server().stubFor(FakeZoho.upsert().willReturn(FakeZoho.error(500, "INTERNAL_ERROR", "internal error")));

        CallToolResult result = call(client, "sync_lead", Map.of("zoho_lead_id", id, "sync_direction", "bidirectional",
                "property_db_lead_id", ingestId));
        assertThat(result.isError()).as(text(result)).isFalse();
        Map<String, Object> out = structured(result);
        assertThat(out).containsEntry("status", "partial").containsEntry("inbound_success", true).containsEntry("outbound_success", false);
        assertThat(((Map<?, ?>) out.get("errors")).keySet()).hasSize(1).allMatch("outbound"::equals);
        assertThat(((Map<?, ?>) out.get("errors")).get("outbound").toString()).contains("Zoho server error");
        zoho.server().verify(3, postRequestedFor(urlPathEqualTo("/crm/v8/Leads/upsert"))); // 1 + 2 retries
    }

    @Test
    void outboundSyncUpsertsTheLocalLeadByEmail() {
        String id = uniqueId();
        zoho.hasLead(lead(id));
        Object ingestId = structured(call(client, "sync_lead", Map.of("zoho_lead_id", id, "sync_direction", "inbound"))).get("ingest_id");
        zoho.upsertAnswers(id, "update");
        Map<String, Object> out = structured(call(client, "sync_lead", Map.of("zoho_lead_id", id, "sync_direction", "outbound",
                "property_db_lead_id", ingestId, "source", "n8n")));
        assertThat(out).containsEntry("status", "success").containsEntry("outbound_success", true).containsEntry("outbound_action", "update");
        zoho.server().verify(postRequestedFor(urlPathEqualTo("/crm/v8/Leads/upsert"))
                .withRequestBody(containing("\"duplicate_check_fields\":[\"Email\",\"OH_Ingest_Id\"]"))
                .withRequestBody(containing("\"Email\":\"ann." + id + "@example.com\""))
                .withRequestBody(containing("\"Lead_Source\":\"n8n\""))
                .withRequestBody(containing("\"OH_Ingest_Id\":\"" + ingestId + "\"")));
    }

    @Test
    void anOutboundUpsertThatFailsAfterZohoAppliedItIsRetriedAndMatchedByItsReferenceSoOneLeadExists() {
        String id = uniqueId();
        zoho.hasLead(lead(id));
        Object ingestId = structured(call(client, "sync_lead", Map.of("zoho_lead_id", id, "sync_direction", "inbound"))).get("ingest_id");
        // Zoho stores the lead, then answers 500; the retry finds it by OH_Ingest_Id and updates it.
        zoho.server().stubFor(FakeZoho.upsert().inScenario("applied").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(FakeZoho.error(500, "INTERNAL_ERROR", "internal error")).willSetStateTo("stored"));
        zoho.server().stubFor(FakeZoho.upsert().inScenario("applied").whenScenarioStateIs("stored")
                .willReturn(FakeZoho.jsonAnswer(200, Map.of("data", List.of(FakeZoho.upserted(id, "update"))))));

        Map<String, Object> out = structured(call(client, "sync_lead", Map.of("zoho_lead_id", id, "sync_direction", "outbound",
                "property_db_lead_id", ingestId)));

        assertThat(out).containsEntry("status", "success").containsEntry("outbound_action", "update");
        zoho.server().verify(2, postRequestedFor(urlPathEqualTo("/crm/v8/Leads/upsert"))
                .withRequestBody(containing("\"OH_Ingest_Id\":\"" + ingestId + "\""))
                .withRequestBody(containing("\"duplicate_check_fields\":[\"Email\",\"OH_Ingest_Id\"]")));
    }

    @Test
    void anUpsertWithoutAnEmailIsNotRetriedAfterAServerError() {
        zoho.server().stubFor(FakeZoho.upsert().willReturn(FakeZoho.error(500, "INTERNAL_ERROR", "internal error")));

        CallToolResult result = call(client, "upsert_zoho_lead", Map.of("last_name", "NoEmail"));

        assertThat(result.isError()).isTrue();
        assertThat(text(result)).contains("not retried: the lead has no Email to match it by, so a retry could create it twice");
        zoho.server().verify(1, postRequestedFor(urlPathEqualTo("/crm/v8/Leads/upsert")));
    }

    @Test
    void anUpsertWithAnEmailIsRetriedAfterAServerError() {
        zoho.server().stubFor(FakeZoho.upsert().willReturn(FakeZoho.error(500, "INTERNAL_ERROR", "internal error")));

        CallToolResult result = call(client, "upsert_zoho_lead", Map.of("last_name", "Smith", "email", "retry@example.com"));

        assertThat(result.isError()).isTrue();
        zoho.server().verify(3, postRequestedFor(urlPathEqualTo("/crm/v8/Leads/upsert"))); // 1 + 2 retries
    }

    @Test
    void outboundWithoutThePropertyDbLeadIdIsAToolErrorNamingIt() {
        CallToolResult result = call(client, "sync_lead", Map.of("zoho_lead_id", "1", "sync_direction", "outbound"));
        assertThat(result.isError()).isTrue();
        assertThat(text(result)).contains("property_db_lead_id");
        assertThat(zoho.server().getAllServeEvents()).isEmpty();
    }

    // --- upsert_zoho_lead -------------------------------------------------------------------------

    @Test
    void upsertInsertsWithTheAttributionInDescription() {
        zoho.upsertAnswers("7000001", "insert");
        CallToolResult result = call(client, "upsert_zoho_lead", Map.of("last_name", "Smith", "email", "smith@example.com",
                "source_attribution", "utm_source=google"));
        assertThat(result.isError()).as(text(result)).isFalse();
        assertThat(structured(result)).isEqualTo(Map.of("success", true, "zoho_lead_id", "7000001", "action", "insert"));
        zoho.server().verify(postRequestedFor(urlPathEqualTo("/crm/v8/Leads/upsert"))
                .withRequestBody(containing("\"Description\":\"utm_source=google\"")));
    }

    @Test
    void anUpsertRefusedForInvalidDataIsAToolErrorNamingTheFieldAndIsNotRetried() {
        zoho.server().stubFor(FakeZoho.upsert().willReturn(FakeZoho.jsonAnswer(400, Map.of("data", List.of(FakeZoho.invalidData("Email"))))));
        CallToolResult result = call(client, "upsert_zoho_lead", Map.of("last_name", "Smith", "email", "smith@example.com"));
        assertThat(result.isError()).isTrue();
        assertThat(text(result)).isEqualTo("Zoho refused the lead: Email: invalid data (INVALID_DATA)");
        zoho.server().verify(1, postRequestedFor(urlPathEqualTo("/crm/v8/Leads/upsert")));
    }

    // --- status and HTTP protections --------------------------------------------------------------

    @Test
    void theStatusResourceShowsTheModeAndNeverTheToken() {
        String id = uniqueId();
        zoho.hasLead(lead(id));
        get(id);
        Map<String, Object> status = readStatus();
        assertThat(status).containsEntry("auth_mode", "oauth2_refresh").containsEntry("configured", true)
                .containsEntry("directions", List.of("inbound", "outbound", "bidirectional"))
                .containsKeys("api_base", "token_expires_at", "last_observed_circuit_state", "circuit_state_observed_at");
        assertThat(status.toString()).doesNotContain(FakeZoho.ACCESS_TOKEN).doesNotContain("it-client-secret")
                .doesNotContain("it-refresh-token");
    }

    @Test
    void aForeignOriginIsForbidden() throws Exception {
        HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                HttpRequest.newBuilder(GatewayUnderTest.uri("/mcp/zoho-sync"))
                        .header("Content-Type", "application/json")
                        .header("Accept", "application/json, text/event-stream")
                        .header("Origin", "http://evil.example.com")
                        .POST(BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(403);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> readStatus() {
        TextResourceContents contents = (TextResourceContents) client.readResource(new ReadResourceRequest("status://zoho-sync"))
                .contents().get(0);
        return JsonMapper.shared().readValue(contents.text(), Map.class);
    }

    private static int storedRows(String zohoId) throws Exception {
        try (Connection c = ItPostgres.dataSource().getConnection();
                PreparedStatement s = c.prepareStatement(
                        "select count(*) from lead_context where source_system = 'ZOHO_CRM' and source_lead_id = ?")) {
            s.setString(1, zohoId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
