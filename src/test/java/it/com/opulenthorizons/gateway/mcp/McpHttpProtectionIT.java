package it.com.opulenthorizons.gateway.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import it.com.opulenthorizons.gateway.GatewayUnderTest;

/** HTTP-level protections of /mcp/lead-ingest, checked with plain HTTP requests. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class McpHttpProtectionIT {

    @BeforeAll
    static void serverReady() {
        GatewayUnderTest.awaitReady();
    }

    private static final String PING = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** A POST with the test server's API key. */
    private static HttpRequest.Builder post(String body) {
        return postWithoutKey(body).header("Authorization", "Bearer " + GatewayUnderTest.API_KEY);
    }

    private static HttpRequest.Builder postWithoutKey(String body) {
        return HttpRequest.newBuilder(GatewayUnderTest.uri("/mcp/lead-ingest"))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(BodyPublishers.ofString(body));
    }

    private HttpResponse<String> send(HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aPingFromAnAllowedOriginIsAnswered() throws Exception {
        HttpResponse<String> response = send(post(PING).header("Origin", "http://localhost:6274").build());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"result\":{}");
    }

    @Test
    void withoutAnApiKeyTheCallIsUnauthorized() throws Exception {
        HttpResponse<String> response = send(postWithoutKey(PING).build());
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer realm=\"mcp-gateway\""));
    }

    @Test
    void aWrongApiKeyIsUnauthorizedAndTheOtherConfiguredKeyWorks() throws Exception {
        assertThat(send(postWithoutKey(PING).header("Authorization", "Bearer it-api-key-guess").build()).statusCode())
                .isEqualTo(401);
        assertThat(send(postWithoutKey(PING).header("Authorization", "Bearer it-api-key-old").build()).statusCode())
                .isEqualTo(200);
    }

    @Test
    void aForeignOriginIsForbiddenEvenWithoutAKey() throws Exception {
        HttpResponse<String> response = send(postWithoutKey(PING).header("Origin", "http://evil.example.com").build());
        assertThat(response.statusCode()).isEqualTo(403);
    }

    @Test
    void aForeignOriginIsForbidden() throws Exception {
        HttpResponse<String> response = send(post(PING).header("Origin", "http://evil.example.com").build());
        assertThat(response.statusCode()).isEqualTo(403);
    }

    @Test
    void anUnsupportedProtocolVersionIsABadRequest() throws Exception {
        HttpResponse<String> response = send(post(PING).header("MCP-Protocol-Version", "1999-01-01").build());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("Unsupported MCP-Protocol-Version");
    }

    @Test
    void aSupportedProtocolVersionIsAccepted() throws Exception {
        HttpResponse<String> response = send(post(PING).header("MCP-Protocol-Version", "2025-06-18").build());
        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void anOversizedBodyIsRefusedBeforeItIsRead() throws Exception {
        String huge = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":{\"pad\":\"" + "x".repeat(1_100_000) + "\"}}";
        HttpResponse<String> response = send(post(huge).build());
        assertThat(response.statusCode()).isEqualTo(413);
    }

    @Test
    void aBurstOfNearLimitIngestsIsAnsweredWithClearRefusalsAndTheServerStaysUp() throws Exception {
        StringBuilder raw = new StringBuilder("{");
        for (int i = 0; i < 72_000 && raw.length() < 900_000; i++) {
            raw.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":").append(i);
        }
        raw.append('}');
        String call = "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"name\":\"ingest_lead\","
                + "\"arguments\":{\"source_system\":\"WEB\",\"source_lead_id\":\"burst\",\"channel\":\"WEB_FORM\","
                + "\"first_name\":\"Ann\",\"last_name\":\"Burst\",\"marketing_consent\":false,\"raw_payload\":" + raw + "}}}";
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            answers.add(http.sendAsync(post(call).build(), HttpResponse.BodyHandlers.ofString()));
        }
        for (CompletableFuture<HttpResponse<String>> answer : answers) {
            HttpResponse<String> response = answer.get(60, TimeUnit.SECONDS);
            if (response.statusCode() == 429) {
                assertThat(response.headers().firstValue("Retry-After")).contains("1");
                assertThat(response.body()).contains("retry after 1 s");
            } else {
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.body()).contains("\"isError\":true")
                        .contains("raw_payload: must be at most 131072 bytes of JSON");
            }
        }
        assertThat(send(post(PING).build()).statusCode()).isEqualTo(200);
    }

    @Test
    void malformedJsonGetsAJsonRpcErrorWithoutAStackTrace() throws Exception {
        HttpResponse<String> response = send(post("{not json").build());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).startsWith("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{")
                .doesNotContain("stackTrace").doesNotContain("Exception");
    }

    @Test
    void getIsNotAllowedOnTheStatelessEndpoint() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(GatewayUnderTest.uri("/mcp/lead-ingest"))
                .header("Authorization", "Bearer " + GatewayUnderTest.API_KEY)
                .header("Accept", "text/event-stream").GET().build());
        assertThat(response.statusCode()).isEqualTo(405);
    }
}
