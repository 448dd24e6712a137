package com.opulenthorizons.gateway.zoho;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Method;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.opulenthorizons.gateway.zoho.client.ZohoException;
import com.opulenthorizons.gateway.zoho.client.ZohoLeads;
import com.opulenthorizons.gateway.zoho.client.ZohoResponseExceptionMapper;
import com.opulenthorizons.gateway.zoho.client.ZohoRetryableException;
import com.opulenthorizons.gateway.zoho.client.ZohoTimeoutException;
import com.opulenthorizons.gateway.zoho.client.ZohoUpsertOutcome;

/**
 * The Zoho client against a fake Zoho speaking Zoho's wire format: the MicroProfile REST Client
 * interface, the response mapping and the 401-refresh-retry. (Retries and the circuit breaker
 * are MicroProfile Fault Tolerance's, exercised in ZohoSyncIT on Liberty.)
 */
class ZohoLeadsTest {

    @RegisterExtension
    final FakeZohoExtension fake = new FakeZohoExtension();

    private WireMockServer server;
    private FakeZoho zoho;
    private ZohoClient client;

    @BeforeEach
    void start() {
        server = fake.server();
        zoho = fake.zoho();
        client = client(zoho.config(Map.of()));
    }

    private static ZohoClient client(ZohoConfig config) {
        return new ZohoClient(config, new ZohoTokenManager(config, Clock.systemUTC(), HttpClient.newHttpClient()));
    }

    private <T> T call(Function<ZohoLeads, T> operation) {
        return client.call(operation);
    }

    private Optional<Map<String, Object>> readLead(String id) {
        return client.call(z -> z.get(id));
    }

    private List<Map<String, Object>> search(String email) {
        return client.call(z -> z.search(email, null));
    }

    @Test
    void readsALeadWithTheGatewaysOwnTokenInZohosHeader() {
        zoho.hasLead(FakeZoho.lead("1001", "Ann", "Smith", "ann@example.com", "+442079460001"));
        assertThat(readLead("1001")).hasValueSatisfying(lead -> assertThat(lead)
                .containsEntry("Last_Name", "Smith").containsEntry("Email", "ann@example.com"));
        server.verify(getRequestedFor(urlPathEqualTo("/crm/v8/Leads/1001"))
                .withHeader("Authorization", equalTo("Zoho-oauthtoken " + FakeZoho.ACCESS_TOKEN)));
    }

    @Test
    void noContentMeansNoSuchLead() {
        zoho.hasNoLead("1002");
        assertThat(readLead("1002")).isEmpty();
    }

    @Test
    void anInvalidTokenIsRefreshedOnceAndTheCallMadeOnceMore() {
        Map<String, Object> lead = FakeZoho.lead("1003", "Bob", "Jones", "bob@example.com", "+442079460002");
        zoho.answersFirstThenLead("expired", FakeZoho.error(401, "INVALID_TOKEN", "invalid oauth token"), lead);
        assertThat(readLead("1003")).isPresent();
        assertThat(zoho.tokenRequests()).isEqualTo(2); // the first token, then the refresh
        server.verify(2, getRequestedFor(urlPathEqualTo("/crm/v8/Leads/1003")));
    }

    @Test
    void aTokenRefusedAgainAfterTheRefreshIsAnAuthFailure() {
        server.stubFor(FakeZoho.getLead("1004").willReturn(FakeZoho.error(401, "INVALID_TOKEN", "invalid oauth token")));
        assertThatThrownBy(() -> call(z -> z.get("1004")))
                .isInstanceOfSatisfying(ZohoException.class, e -> assertThat(e.kind()).isEqualTo(ZohoException.Kind.AUTH_FAILED))
                .hasMessageContaining("ZohoCRM.modules.leads.READ,ZohoCRM.modules.leads.CREATE,ZohoCRM.modules.leads.WRITE")
                .hasMessageNotContaining(FakeZoho.ACCESS_TOKEN);
        server.verify(2, getRequestedFor(urlPathEqualTo("/crm/v8/Leads/1004")));
    }

    @Test
    void aScopeMismatchIsAnAuthFailureNamingTheScopeWithoutARefresh() {
        server.stubFor(FakeZoho.getLead("1012").willReturn(FakeZoho.error(401, "OAUTH_SCOPE_MISMATCH", "invalid oauth scope to access this URL")));
        assertThatThrownBy(() -> call(z -> z.get("1012")))
                .isExactlyInstanceOf(ZohoException.class)
                .satisfies(e -> {
                    assertThat(((ZohoException) e).kind()).isEqualTo(ZohoException.Kind.AUTH_FAILED);
                    assertThat(((ZohoException) e).code()).isEqualTo("OAUTH_SCOPE_MISMATCH");
                })
                .hasMessageContaining("OAUTH_SCOPE_MISMATCH").hasMessageContaining("ZohoCRM.modules.leads.READ,ZohoCRM.modules.leads.CREATE,ZohoCRM.modules.leads.WRITE")
                .hasMessageNotContaining(FakeZoho.ACCESS_TOKEN);
        assertThat(zoho.tokenRequests()).as("only the first token, no refresh").isEqualTo(1);
        server.verify(1, getRequestedFor(urlPathEqualTo("/crm/v8/Leads/1012")));
    }

    @Test
    void anAuthenticationFailureIsAnAuthFailureNamingZohosCodeWithoutARefresh() {
        server.stubFor(FakeZoho.getLead("1013").willReturn(FakeZoho.error(401, "AUTHENTICATION_FAILURE", "Authentication failed")));
        assertThatThrownBy(() -> call(z -> z.get("1013")))
                .isInstanceOfSatisfying(ZohoException.class, e -> assertThat(e.kind()).isEqualTo(ZohoException.Kind.AUTH_FAILED))
                .isNotInstanceOf(ZohoRetryableException.class)
                .hasMessageContaining("AUTHENTICATION_FAILURE");
        assertThat(zoho.tokenRequests()).isEqualTo(1);
        server.verify(1, getRequestedFor(urlPathEqualTo("/crm/v8/Leads/1013")));
    }

    @ParameterizedTest
    @CsvSource({"INVALID_TOKEN, INVALID_TOKEN", "OAUTH_SCOPE_MISMATCH, AUTH_FAILED", "AUTHENTICATION_FAILURE, AUTH_FAILED",
            "NO_PERMISSION, AUTH_FAILED"})
    void onlyInvalidTokenAmongThe401sAsksForARefresh(String code, ZohoException.Kind kind) {
        ZohoException e = ZohoResponseExceptionMapper.map(401, FakeZoho.json(Map.of("code", code, "message", "m", "status", "error")));
        assertThat(e.kind()).isEqualTo(kind);
        assertThat(e.code()).isEqualTo(code);
        assertThat(e).isNotInstanceOf(ZohoRetryableException.class).hasMessageContaining(code);
        assertThat(ZohoResponseExceptionMapper.map(401, "<html>proxy</html>").kind()).isEqualTo(ZohoException.Kind.AUTH_FAILED);
    }

    @Test
    void tooManyRequestsIsRetryableAndTheNextCallSucceeds() {
        Map<String, Object> lead = FakeZoho.lead("1005", "Cy", "Lee", "cy@example.com", "+442079460003");
        zoho.answersFirstThenLead("throttled", FakeZoho.error(429, "TOO_MANY_REQUESTS", "too many requests"), lead);
        assertThatThrownBy(() -> call(z -> z.get("1005")))
                .isInstanceOfSatisfying(ZohoRetryableException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ZohoException.Kind.RATE_LIMITED);
                    assertThat(e.status()).isEqualTo(429);
                    assertThat(e.code()).isEqualTo("TOO_MANY_REQUESTS");
                });
        assertThat(readLead("1005")).isPresent();
    }

    @Test
    void aServerErrorIsRetryable() {
        server.stubFor(FakeZoho.getLead("1006").willReturn(FakeZoho.error(500, "INTERNAL_ERROR", "internal error")));
        assertThatThrownBy(() -> call(z -> z.get("1006")))
                .isInstanceOfSatisfying(ZohoRetryableException.class, e -> assertThat(e.kind()).isEqualTo(ZohoException.Kind.SERVER_ERROR))
                .hasMessageContaining("HTTP 500 INTERNAL_ERROR");
    }

    @Test
    void aValidationRefusalIsNotRetryable() {
        server.stubFor(FakeZoho.getLead("1007").willReturn(FakeZoho.error(400, "INVALID_URL_PATTERN", "Please check if the URL trying to access is a correct one")));
        assertThatThrownBy(() -> call(z -> z.get("1007")))
                .isExactlyInstanceOf(ZohoException.class)
                .satisfies(e -> assertThat(((ZohoException) e).kind()).isEqualTo(ZohoException.Kind.REJECTED));
    }

    @Test
    void aBrokenConnectionIsRetryable() {
        server.stubFor(FakeZoho.getLead("1008").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        assertThatThrownBy(() -> call(z -> z.get("1008")))
                .isInstanceOfSatisfying(ZohoRetryableException.class, e -> assertThat(e.kind()).isEqualTo(ZohoException.Kind.UNREACHABLE));
    }

    @Test
    void aRefusedConnectionIsRetryable() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        ZohoConfig config = zoho.config(Map.of("ZOHO_API_BASE", "http://127.0.0.1:" + closedPort + "/crm/v8"));
        assertThatThrownBy(() -> client(config).call(z -> z.get("1009")))
                .isInstanceOfSatisfying(ZohoRetryableException.class, e -> assertThat(e.kind()).isEqualTo(ZohoException.Kind.UNREACHABLE));
    }

    @Test
    void aSlowAnswerIsATimeout() {
        server.stubFor(FakeZoho.getLead("1010").willReturn(FakeZoho.jsonAnswer(200, Map.of("data", List.of())).withFixedDelay(3000)));
        ZohoConfig config = zoho.config(Map.of("ZOHO_TIMEOUT_MS", "300"));
        assertThatThrownBy(() -> client(config).call(z -> z.get("1010")))
                .isInstanceOfSatisfying(ZohoTimeoutException.class, e -> assertThat(e.kind()).isEqualTo(ZohoException.Kind.TIMEOUT));
    }

    @Test
    void timeoutsCountAgainstTheCircuitAndTheSocketWaitsLongerThanFaultTolerance() throws Exception {
        Method call = ZohoClient.class.getMethod("call", Function.class);
        assertThat(call.getAnnotation(CircuitBreaker.class).failOn())
                .contains(ZohoRetryableException.class, ZohoTimeoutException.class, TimeoutException.class);
        assertThat(call.getAnnotation(Retry.class).retryOn()).containsExactly(ZohoRetryableException.class);
        for (String timeout : List.of("300", "1500", "10000")) {
            ZohoConfig config = zoho.config(Map.of("ZOHO_TIMEOUT_MS", timeout));
            assertThat(config.readTimeoutMillis()).as("read timeout for " + timeout)
                    .isGreaterThan(config.timeoutMillis()).isLessThanOrEqualTo(config.timeoutMillis() + 1000);
            assertThat(config.tokenTimeoutMillis()).isLessThanOrEqualTo(config.timeoutMillis());
        }
    }

    @Test
    void upsertSendsZohosBodyAndReadsEachRecordsOutcome() {
        server.stubFor(FakeZoho.upsert().willReturn(FakeZoho.jsonAnswer(207, Map.of("data", List.of(
                FakeZoho.upserted("2001", "insert"), FakeZoho.invalidData("Email"))))));
        List<ZohoUpsertOutcome> outcomes = call(z -> z.upsert(
                List.of(Map.of("Last_Name", "Smith", "Email", "ann@example.com"), Map.of("Last_Name", "Bad", "Email", "nope")),
                List.of("Email"), List.of()));
        assertThat(outcomes).containsExactly(
                new ZohoUpsertOutcome(true, "2001", "insert", "SUCCESS", "record added", null),
                new ZohoUpsertOutcome(false, null, null, "INVALID_DATA", "invalid data", "Email"));
        assertThat(outcomes.get(1).describe()).isEqualTo("Email: invalid data (INVALID_DATA)");
        server.verify(postRequestedFor(urlPathEqualTo("/crm/v8/Leads/upsert")).withRequestBody(equalToJson(
                "{\"data\":[{\"Last_Name\":\"Smith\",\"Email\":\"ann@example.com\"},{\"Last_Name\":\"Bad\",\"Email\":\"nope\"}],"
                        + "\"duplicate_check_fields\":[\"Email\"],\"trigger\":[]}")));
    }

    @Test
    void anUpsertRefusedWholeStillReportsEachRecord() {
        server.stubFor(FakeZoho.upsert().willReturn(FakeZoho.jsonAnswer(400, Map.of("data", List.of(FakeZoho.invalidData("Phone"))))));
        List<ZohoUpsertOutcome> outcomes = call(z -> z.upsert(List.of(Map.of("Last_Name", "X", "Phone", "??")), List.of("Email"), List.of()));
        assertThat(outcomes).singleElement().satisfies(o -> {
            assertThat(o.success()).isFalse();
            assertThat(o.field()).isEqualTo("Phone");
        });
    }

    @Test
    void searchReadsMatchesAndNoContentAsNone() {
        server.stubFor(get(urlPathEqualTo("/crm/v8/Leads/search")).withQueryParam("email", equalTo("ann@example.com"))
                .willReturn(FakeZoho.jsonAnswer(200, Map.of("data", List.of(FakeZoho.lead("1011", "Ann", "Smith", "ann@example.com", "+1"))))));
        server.stubFor(get(urlPathEqualTo("/crm/v8/Leads/search")).withQueryParam("email", equalTo("nobody@example.com"))
                .willReturn(aResponse().withStatus(204)));
        assertThat(search("ann@example.com")).singleElement()
                .satisfies(l -> assertThat(l).containsEntry("id", "1011"));
        assertThat(search("nobody@example.com")).isEmpty();
    }
}
