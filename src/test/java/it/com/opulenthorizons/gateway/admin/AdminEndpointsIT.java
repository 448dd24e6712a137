package it.com.opulenthorizons.gateway.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import it.com.opulenthorizons.gateway.GatewayUnderTest;

/**
 * The operations endpoints under /admin, for a caller that is not on this machine. The tests
 * reach the server from loopback; Liberty's remoteIp setting takes the client's address from
 * X-Forwarded-For when the peer is a proxy on a private or loopback address, as Azure's ingress is,
 * so the header makes the caller a remote one.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AdminEndpointsIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String REMOTE = "203.0.113.9";
    /** it-api-keys.txt: leads:read only */
    private static final String READER_KEY = "it-reader-key";

    @BeforeAll
    static void ready() {
        GatewayUnderTest.awaitReady();
    }

    private static HttpResponse<String> send(HttpRequest.Builder request, String key) throws Exception {
        request.header("X-Forwarded-For", REMOTE);
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder health() {
        return HttpRequest.newBuilder(GatewayUnderTest.uri("/admin/health"));
    }

    private static HttpRequest.Builder replay(String body) {
        return HttpRequest.newBuilder(GatewayUnderTest.uri("/admin/events/replay")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    @Test
    void healthDetailsFromElsewhereNeedTheAdminScope() throws Exception {
        HttpResponse<String> anonymous = send(health(), null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(h -> assertThat(h)
                .contains("resource_metadata=\"" + GatewayUnderTest.baseUrl() + "/.well-known/oauth-protected-resource\"")
                .contains("scope=\"gateway:admin\""));
        assertThat(anonymous.body()).doesNotContain("store_detail");

        HttpResponse<String> reader = send(health(), READER_KEY);
        assertThat(reader.statusCode()).isEqualTo(403);
        assertThat(reader.body()).contains("\"error\":\"insufficient_scope\"").contains("gateway:admin");

        HttpResponse<String> admin = send(health(), GatewayUnderTest.API_KEY);
        assertThat(admin.statusCode()).isEqualTo(200);
        assertThat(admin.body()).contains("\"store_detail\"").contains("\"api_base\"").doesNotContain(GatewayUnderTest.API_KEY);
    }

    @Test
    void theRestReplayNeedsTheReplayScopeAndValidatesLikeTheTool() throws Exception {
        assertThat(send(replay("{\"status\":\"FAILED\"}"), null).statusCode()).isEqualTo(401);
        assertThat(send(replay("{\"status\":\"FAILED\"}"), READER_KEY).statusCode()).isEqualTo(403);

        HttpResponse<String> invalid = send(replay("{\"status\":\"DELIVERED\"}"), GatewayUnderTest.API_KEY);
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(invalid.body()).contains("\"error\":\"invalid_argument\"").contains("status: must be one of FAILED");

        HttpResponse<String> unknownField = send(replay("{\"ids\":[]}"), GatewayUnderTest.API_KEY);
        assertThat(unknownField.statusCode()).isEqualTo(400);
        assertThat(unknownField.body()).contains("ids: is not a known parameter");

        HttpResponse<String> notJson = send(replay("not json"), GatewayUnderTest.API_KEY);
        assertThat(notJson.statusCode()).isEqualTo(400);

        HttpResponse<String> unknownIds = send(replay("{\"event_ids\":[\"" + java.util.UUID.randomUUID() + "\"]}"),
                GatewayUnderTest.API_KEY);
        assertThat(unknownIds.statusCode()).isEqualTo(200);
        assertThat(unknownIds.body()).isEqualTo("{\"replayed\":0}");
    }
}
