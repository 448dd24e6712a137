package it.com.opulenthorizons.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.opulenthorizons.gateway.common.WireJson;
import com.opulenthorizons.gateway.testing.McpClients;
import com.opulenthorizons.gateway.testing.ValidLead;

import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import it.com.opulenthorizons.gateway.GatewayUnderTest;
import it.com.opulenthorizons.gateway.ItOAuthServer;
import it.com.opulenthorizons.gateway.ItZoho;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;

/**
 * The gateway as an OAuth 2.1 resource server, against a real identity provider (mock-oauth2-server,
 * {@link ItOAuthServer}): discovery the way an MCP client does it, tokens refused for the wrong
 * audience or issuer or when expired, and a missing scope answered 403 for step-up.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class OAuthResourceServerIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String ENDPOINT = "/mcp/lead-ingest";
    private static final Pattern PARAM = Pattern.compile("(\\w+)=\"([^\"]*)\"");
    private static final String PING = "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"ping\"}";

    @BeforeAll
    static void ready() {
        GatewayUnderTest.awaitReady();
    }

    private static MockOAuth2Server idp() {
        return ItOAuthServer.server();
    }

    private static String resource() {
        return GatewayUnderTest.baseUrl();
    }

    /** A token the identity provider signs, as its token endpoint would issue it. */
    private static String token(String issuerId, List<String> audience, Map<String, Object> claims, long expirySeconds) {
        return idp().issueToken(issuerId, "agent-client",
                new DefaultOAuth2TokenCallback(issuerId, "agent-7", "JWT", audience, claims, expirySeconds)).serialize();
    }

    private static String token(Map<String, Object> claims) {
        return token(ItOAuthServer.ISSUER_ID, List.of(resource()), claims, 300);
    }

    private static HttpResponse<String> post(String body, String bearer) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(GatewayUnderTest.uri(ENDPOINT))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, String> challenge(HttpResponse<?> response) {
        String header = response.headers().firstValue("WWW-Authenticate").orElseThrow();
        assertThat(header).startsWith("Bearer ");
        Map<String, String> params = new java.util.LinkedHashMap<>();
        Matcher m = PARAM.matcher(header);
        while (m.find()) {
            params.put(m.group(1), m.group(2));
        }
        return params;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(String body) {
        return WireJson.MAPPER.readValue(body, Map.class);
    }

    @Test
    void aClientDiscoversTheAuthorizationServerGetsATokenAndCalls() throws Exception {
        // 1. Unauthenticated: 401, pointing at the protected resource metadata and naming scopes.
        HttpResponse<String> first = post(PING, null);
        assertThat(first.statusCode()).isEqualTo(401);
        Map<String, String> challenge = challenge(first);
        assertThat(challenge).containsEntry("resource_metadata", resource() + "/.well-known/oauth-protected-resource")
                .doesNotContainKey("error");
        assertThat(challenge.get("scope")).contains("leads:write").contains("leads:read");

        // 2. RFC 9728 metadata: the resource and its authorization server.
        Map<String, Object> metadata = json(get(challenge.get("resource_metadata")).body());
        assertThat(metadata).containsEntry("resource", resource())
                .containsEntry("bearer_methods_supported", List.of("header"));
        assertThat((List<String>) metadata.get("scopes_supported")).contains("leads:read", "leads:write", "zoho:write");
        String issuer = ((List<String>) metadata.get("authorization_servers")).get(0);
        assertThat(issuer).isEqualTo(idp().issuerUrl(ItOAuthServer.ISSUER_ID).toString().replaceAll("/$", ""));
        Map<String, Object> endpointMetadata = json(get(resource() + "/.well-known/oauth-protected-resource" + ENDPOINT).body());
        assertThat(endpointMetadata).containsEntry("resource", resource() + ENDPOINT);

        // 3. The authorization server's own metadata, then a token for this resource (RFC 8707).
        Map<String, Object> server = json(get(issuer + "/.well-known/openid-configuration").body());
        idp().enqueueCallback(new DefaultOAuth2TokenCallback(ItOAuthServer.ISSUER_ID, "agent-7", "JWT", List.of(resource()),
                Map.of("scope", "leads:read leads:write", "azp", "agent-client"), 300));
        HttpResponse<String> tokenResponse = HTTP.send(HttpRequest.newBuilder(URI.create((String) server.get("token_endpoint")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id=agent-client"
                        + "&client_secret=s3cret&scope=" + URLEncoder.encode("leads:read leads:write", StandardCharsets.UTF_8)
                        + "&resource=" + URLEncoder.encode(resource(), StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(tokenResponse.statusCode()).isEqualTo(200);
        String accessToken = (String) json(tokenResponse.body()).get("access_token");

        // 4. The call, through the MCP SDK's own client.
        McpSyncClient client = McpClients.connect(resource(), ENDPOINT, accessToken);
        try {
            assertThat(client.listTools().tools()).extracting(Tool::name)
                    .contains("ingest_lead", "lookup_ohid").doesNotContain("replay_events", "process_cloudtalk_event");
            String lead = "oauth-" + UUID.randomUUID();
            CallToolResult result = client.callTool(new io.modelcontextprotocol.spec.McpSchema.CallToolRequest("ingest_lead",
                    ValidLead.web(lead).arguments()));
            assertThat(result.isError()).isFalse();
        } finally {
            client.closeGracefully();
        }
        Path log = Path.of(System.getProperty("it.server.log"));
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(Files.readString(log))
                // client credentials: the identity provider makes the client its own subject
                .contains("\"tool\":\"ingest_lead\",\"caller\":\"token:agent-client/agent-client\"")
                .doesNotContain(accessToken));
    }

    @Test
    void aTokenForAnotherAudienceIsRefused() throws Exception {
        HttpResponse<String> response = post(PING, token(ItOAuthServer.ISSUER_ID, List.of("https://another-api.example.com"),
                Map.of("scope", "leads:read"), 300));
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(challenge(response)).containsEntry("error", "invalid_token");
    }

    @Test
    void anExpiredTokenIsRefused() throws Exception {
        // Liberty allows five minutes of clock skew; this token expired ten minutes ago.
        HttpResponse<String> response = post(PING, token(ItOAuthServer.ISSUER_ID, List.of(resource()),
                Map.of("scope", "leads:read"), -600));
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(challenge(response)).containsEntry("error", "invalid_token");
    }

    @Test
    void aTokenFromAnotherIssuerIsRefused() throws Exception {
        HttpResponse<String> response = post(PING, token("another-issuer", List.of(resource()), Map.of("scope", "leads:read"), 300));
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(challenge(response)).containsEntry("error", "invalid_token");
        assertThat(response.body()).contains("\"code\":-32600").doesNotContain("eyJ");
    }

    @Test
    void aValidTokenIsAccepted() throws Exception {
        HttpResponse<String> response = post(PING, token(Map.of("scope", "leads:read")));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"id\":7").contains("\"result\"");
    }

    @Test
    void aToolOutsideTheTokensScopesIsAnswered403WithTheScopeToStepUpTo() throws Exception {
        String call = "{\"jsonrpc\":\"2.0\",\"id\":\"call-9\",\"method\":\"tools/call\",\"params\":{\"name\":\"ingest_lead\","
                + "\"arguments\":{}}}";
        HttpResponse<String> response = post(call, token(Map.of("scope", "leads:read")));
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(challenge(response)).containsEntry("error", "insufficient_scope").containsEntry("scope", "leads:write")
                .containsEntry("resource_metadata", resource() + "/.well-known/oauth-protected-resource");
        Map<String, Object> body = json(response.body());
        assertThat(body).containsEntry("id", "call-9");
        assertThat(((Map<String, Object>) body.get("error")).get("message").toString())
                .isEqualTo("the tool ingest_lead needs the scope leads:write, which this caller was not granted");
    }

    @Test
    void theCallersTokenIsNeverPassedOnToZoho() throws Exception {
        String token = token(Map.of("scope", "zoho:read"));
        String leadId = Long.toString(System.nanoTime());
        ItZoho.zoho().grantsTokens(3600);
        ItZoho.zoho().hasLead(com.opulenthorizons.gateway.zoho.FakeZoho.lead(leadId, "Ann", "Token", "ann@example.com", "+61400000000"));
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(GatewayUnderTest.uri("/mcp/zoho-sync"))
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/call\",\"params\":"
                        + "{\"name\":\"get_zoho_lead\",\"arguments\":{\"lead_id\":\"" + leadId + "\"}}}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);

        // whatever Zoho answered (on a loaded machine, possibly too late), what reached it is what counts
        var toZoho = ItZoho.zoho().server().findAll(com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor(
                com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching(".*" + leadId + ".*")));
        assertThat(toZoho).isNotEmpty().allSatisfy(request -> {
            assertThat(request.getHeader("Authorization")).startsWith("Zoho-oauthtoken ").doesNotContain(token);
            assertThat(request.getBodyAsString()).doesNotContain(token);
        });
        assertThat(ItZoho.zoho().server().getAllServeEvents()).allSatisfy(event ->
                assertThat(event.getRequest().toString()).doesNotContain(token));
    }

    @Test
    void entraStyleScpClaimsGrantTheirScopes() throws Exception {
        // Entra ID issues scopes in "scp", and does not allow ':' in a scope's name.
        String call = "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"lookup_ohid\","
                + "\"arguments\":{\"email\":\"nobody-" + UUID.randomUUID() + "@example.com\"}}}";
        HttpResponse<String> response = post(call, token(Map.of("scp", "leads.read")));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"id\":3").doesNotContain("\"isError\":true");
    }
}
