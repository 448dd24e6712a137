package com.opulenthorizons.gateway.zoho;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;

import tools.jackson.databind.json.JsonMapper;

/**
 * Zoho CRM's wire format on a WireMock server: the accounts server's token endpoint and the
 * Leads API, with the answers the vendor documents (data arrays, 204 for no record, per-record
 * upsert results, error bodies with a code).
 */
public final class FakeZoho {

    public static final String TOKEN_PATH = "/oauth/v2/token";
    public static final String API_PATH = "/crm/v8";
    public static final String ACCESS_TOKEN = "fake-access-token";

    private static final JsonMapper JSON = JsonMapper.shared();

    private final WireMockServer server;

    public FakeZoho(WireMockServer server) {
        this.server = server;
    }

    public String apiBase() {
        return "http://localhost:" + server.port() + API_PATH;
    }

    public String tokenUrl() {
        return "http://localhost:" + server.port() + TOKEN_PATH;
    }

    public WireMockServer server() {
        return server;
    }

    /**
     * The gateway's Zoho settings pointing at this fake, with dummy OAuth credentials
     * ({@code client-1}, {@code secret-1}, {@code refresh-1}) and a 5 s timeout; {@code overrides}
     * change or (with "") remove any of them.
     */
    public ZohoConfig config(Map<String, String> overrides) {
        Map<String, String> values = new HashMap<>();
        values.put("ZOHO_API_BASE", apiBase());
        values.put("ZOHO_TOKEN_URL", tokenUrl());
        values.put("ZOHO_CLIENT_ID", "client-1");
        values.put("ZOHO_CLIENT_SECRET", "secret-1");
        values.put("ZOHO_REFRESH_TOKEN", "refresh-1");
        values.put("ZOHO_TIMEOUT_MS", "5000");
        values.putAll(overrides);
        return new ZohoConfig(key -> Optional.ofNullable(values.get(key)));
    }

    public static String json(Object value) {
        return JSON.writeValueAsString(value);
    }

    public static ResponseDefinitionBuilder jsonAnswer(int status, Object body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(json(body));
    }

    public static ResponseDefinitionBuilder error(int status, String code, String message) {
        return jsonAnswer(status, Map.of("code", code, "details", Map.of(), "message", message, "status", "error"));
    }

    /** The token endpoint grants {@link #ACCESS_TOKEN} for this many seconds. */
    public void grantsTokens(long expiresInSeconds) {
        server.stubFor(post(urlPathEqualTo(TOKEN_PATH)).willReturn(jsonAnswer(200, Map.of(
                "access_token", ACCESS_TOKEN, "expires_in", expiresInSeconds,
                "api_domain", "https://www.zohoapis.com", "token_type", "Bearer"))));
    }

    public int tokenRequests() {
        return server.countRequestsMatching(postRequestedFor(urlPathEqualTo(TOKEN_PATH)).build()).getCount();
    }

    public static Map<String, Object> lead(String id, String firstName, String lastName, String email, String phone) {
        return Map.of("id", id, "First_Name", firstName, "Last_Name", lastName, "Email", email, "Phone", phone,
                "Lead_Source", "Web");
    }

    public static MappingBuilder getLead(String id) {
        return get(urlPathEqualTo(API_PATH + "/Leads/" + id));
    }

    /** The requests {@link #getLead} answers, for {@code findAll} and {@code verify}. */
    public static RequestPatternBuilder getLeadRequest(String id) {
        return getRequestedFor(urlPathEqualTo(API_PATH + "/Leads/" + id));
    }

    public static MappingBuilder upsert() {
        return post(urlPathEqualTo(API_PATH + "/Leads/upsert"));
    }

    public void hasLead(Map<String, Object> lead) {
        server.stubFor(getLead((String) lead.get("id")).willReturn(jsonAnswer(200, Map.of("data", List.of(lead)))));
    }

    public void hasNoLead(String id) {
        server.stubFor(getLead(id).willReturn(aResponse().withStatus(204)));
    }

    public static Map<String, Object> upserted(String id, String action) {
        return Map.of("code", "SUCCESS", "duplicate_field", "Email", "action", action,
                "details", Map.of("id", id, "Created_Time", "2026-11-24T10:00:00+00:00", "Modified_Time", "2026-11-24T10:00:00+00:00"),
                "message", "record added", "status", "success");
    }

    public static Map<String, Object> invalidData(String field) {
        return Map.of("code", "INVALID_DATA", "details", Map.of("api_name", field, "json_path", "$.data[0]." + field),
                "message", "invalid data", "status", "error");
    }

    public void upsertAnswers(String id, String action) {
        server.stubFor(upsert().willReturn(jsonAnswer(200, Map.of("data", List.of(upserted(id, action))))));
    }

    /** The lead answers with {@code first}, then with the lead, using a WireMock scenario. */
    public void answersFirstThenLead(String scenario, ResponseDefinitionBuilder first, Map<String, Object> lead) {
        String id = (String) lead.get("id");
        server.stubFor(getLead(id).inScenario(scenario).whenScenarioStateIs(Scenario.STARTED)
                .willReturn(first).willSetStateTo("answered"));
        server.stubFor(getLead(id).inScenario(scenario).whenScenarioStateIs("answered")
                .willReturn(jsonAnswer(200, Map.of("data", List.of(lead)))));
    }
}
