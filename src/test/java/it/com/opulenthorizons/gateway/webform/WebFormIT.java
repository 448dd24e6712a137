package it.com.opulenthorizons.gateway.webform;

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

import com.opulenthorizons.gateway.testing.FakeCaptcha;

import io.modelcontextprotocol.client.McpSyncClient;
import it.com.opulenthorizons.gateway.GatewayUnderTest;
import it.com.opulenthorizons.gateway.ItPostgres;
import it.com.opulenthorizons.gateway.ItWebhookReceiver;

/**
 * POST /leads/web on Liberty with PostgreSQL, as a website sends it: JSON from {@code fetch()} and
 * a plain HTML form, from the allowed origin https://www.example.com, with a Turnstile token
 * checked at the stand-in siteverify.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestInstance(Lifecycle.PER_CLASS)
class WebFormIT {

    private static final String SITE = "https://www.example.com";

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

    private static HttpResponse<String> post(String contentType, String body, String... headers) throws Exception {
        String[] all = new String[headers.length + 2];
        all[0] = "Content-Type";
        all[1] = contentType;
        System.arraycopy(headers, 0, all, 2, headers.length);
        return GatewayUnderTest.post("/leads/web", body, all);
    }

    private static String jsonForm(String email, String... extra) {
        StringBuilder json = new StringBuilder("{\"first_name\":\"Ada\",\"last_name\":\"Lovelace\",\"email\":\"" + email
                + "\",\"message\":\"A flat near the park\",\"consent\":true,\"cf-turnstile-response\":\"" + FakeCaptcha.PASSING_TOKEN + "\"");
        for (int i = 0; i < extra.length; i += 2) {
            json.append(",\"").append(extra[i]).append("\":\"").append(extra[i + 1]).append('"');
        }
        return json.append('}').toString();
    }

    private static String email(String prefix) {
        return prefix + "." + UUID.randomUUID() + "@example.com";
    }

    private static Map<String, Object> json(HttpResponse<String> response) {
        return GatewayUnderTest.json(response);
    }

    private static long leadsWithEmail(String email) throws Exception {
        try (Connection c = ItPostgres.dataSource().getConnection();
                PreparedStatement s = c.prepareStatement("SELECT count(*) FROM lead_context WHERE source_system = 'WEB' "
                        + "AND payload -> 'person' ->> 'email' = ?")) {
            s.setString(1, email);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Test
    void aJsonPostFromTheAllowedSiteIs201WithTheIngestIdOnlyAndGoesOutViaWebForm() throws Exception {
        String email = email("web");
        HttpResponse<String> response = post("application/json", jsonForm(email, "utm_source", "newsletter"), "Origin", SITE);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        assertThat(json(response)).containsOnlyKeys("ingest_id", "status");
        assertThat(response.body()).doesNotContain("ohid");
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue(SITE);
        String ingestId = (String) json(response).get("ingest_id");

        assertThat(structured(call(client, "lookup_ohid", Map.of("email", email)))).containsKey("ohid");
        @SuppressWarnings("unchecked")
        java.util.List<Map<String, Object>> personLeads = (java.util.List<Map<String, Object>>) structured(call(client,
                "get_person", Map.of("email", email))).get("leads");
        assertThat(personLeads).anySatisfy(l -> assertThat(l).containsEntry("source_system", "WEB")
                .containsEntry("channel", "WEB_FORM").containsEntry("ingest_id", ingestId));
        Awaitility.await("LeadIngested delivered").atMost(Duration.ofSeconds(20)).until(() -> ItWebhookReceiver.deliveries().stream()
                .anyMatch(d -> ingestId.equals(d.payloadValue("ingest_id")) && "web_form".equals(d.payloadValue("via"))
                        && SITE.equals(d.payloadValue("caller")) && "WEB_FORM".equals(d.payloadValue("channel"))));
    }

    @Test
    void aPlainHtmlFormIsRedirectedToTheThankYouPage() throws Exception {
        String email = email("html");
        HttpResponse<String> response = post("application/x-www-form-urlencoded",
                "name=Grace+Hopper&email=" + email.replace("@", "%40") + "&phone=%2B442079460999&consent=on&cf-turnstile-response="
                        + FakeCaptcha.PASSING_TOKEN + "&website=",
                "Origin", SITE);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(303);
        assertThat(response.headers().firstValue("Location")).hasValue(SITE + "/thanks");
        assertThat(leadsWithEmail(email)).isEqualTo(1);
    }

    @Test
    void aDoubleSubmitWithTheSameIdempotencyKeyStoresOneLead() throws Exception {
        String email = email("double");
        String key = UUID.randomUUID().toString();
        HttpResponse<String> first = post("application/json", jsonForm(email), "Origin", SITE, "Idempotency-Key", key);
        HttpResponse<String> second = post("application/json", jsonForm(email), "Origin", SITE, "Idempotency-Key", key);

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(second.statusCode()).isEqualTo(201);
        assertThat(json(second).get("ingest_id")).isEqualTo(json(first).get("ingest_id"));
        assertThat(leadsWithEmail(email)).isEqualTo(1);
    }

    @Test
    void aMissingOrBadFieldIs400NamingIt() throws Exception {
        HttpResponse<String> noName = post("application/json", "{\"email\":\"a@example.com\",\"cf-turnstile-response\":\""
                + FakeCaptcha.PASSING_TOKEN + "\"}", "Origin", SITE);
        assertThat(noName.statusCode()).isEqualTo(400);
        assertThat((String) json(noName).get("error")).contains("first_name: must not be blank");

        HttpResponse<String> badEmail = post("application/json", jsonForm("not-an-email"), "Origin", SITE);
        assertThat(badEmail.statusCode()).isEqualTo(400);
        assertThat((String) json(badEmail).get("error")).startsWith("email:");

        assertThat(post("text/plain", "hello", "Origin", SITE).statusCode()).isEqualTo(415);
    }

    @Test
    void anUnsolvedCaptchaIs400AndStoresNothing() throws Exception {
        String email = email("captcha");
        HttpResponse<String> response = post("application/json", jsonForm(email).replace(FakeCaptcha.PASSING_TOKEN, "bot-token"),
                "Origin", SITE);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat((String) json(response).get("error")).isEqualTo("cf-turnstile-response: the CAPTCHA was not solved [invalid-input-response]");
        assertThat(leadsWithEmail(email)).isZero();
    }

    @Test
    void aFilledHoneypotLooksAcceptedButStoresNothing() throws Exception {
        String email = email("honeypot");
        HttpResponse<String> response = post("application/json", jsonForm(email, "website", "http://spam.example"), "Origin", SITE);
        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(json(response)).containsKey("ingest_id");
        assertThat(leadsWithEmail(email)).isZero();
    }

    @Test
    void corsIsOnlyForTheAllowedSite() throws Exception {
        HttpResponse<String> preflight = http.send(HttpRequest.newBuilder(GatewayUnderTest.uri("/leads/web"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", SITE)
                .header("Access-Control-Request-Method", "POST").header("Access-Control-Request-Headers", "content-type,idempotency-key")
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue(SITE);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods")).hasValue("POST");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers")).hasValueSatisfying(
                h -> assertThat(h).containsIgnoringCase("Idempotency-Key"));

        HttpResponse<String> foreignPreflight = http.send(HttpRequest.newBuilder(GatewayUnderTest.uri("/leads/web"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "POST").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(foreignPreflight.statusCode()).isEqualTo(403);
        assertThat(foreignPreflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();

        String email = email("foreign");
        HttpResponse<String> foreign = post("application/json", jsonForm(email), "Origin", "https://evil.example");
        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(foreign.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(leadsWithEmail(email)).isZero();
    }

    @Test
    void aBodyOverTheLimitIsRefusedBeforeItIsRead() throws Exception {
        HttpResponse<String> response = post("application/json", jsonForm(email("big"), "message", "x".repeat(300_000)), "Origin", SITE);
        assertThat(response.statusCode()).isEqualTo(413);
    }

    @Test
    void oneAddressOverThePublicEndpointsLimitGets429WithRetryAfterWhileOthersAreServed() throws Exception {
        // its own source address (Liberty's remoteIp takes it from X-Forwarded-For), so no other test's budget is spent
        String flooder = "198.51.100.31";
        int served = 0;
        HttpResponse<String> last = post("application/json", "{}", "Origin", "https://evil.example", "X-Forwarded-For", flooder);
        // RATE_LIMIT_SOURCE_REQUESTS_PER_MINUTE is 600, refilled over the minute: the first 600 pass, and a few more while the loop runs
        while (last.statusCode() != 429 && served < 2000) {
            assertThat(last.statusCode()).as("below the limit: the form's own answer").isEqualTo(403);
            served++;
            last = post("application/json", "{}", "Origin", "https://evil.example", "X-Forwarded-For", flooder);
        }
        assertThat(served).isGreaterThanOrEqualTo(600);
        assertThat(last.statusCode()).isEqualTo(429);
        assertThat(last.headers().firstValue("Retry-After")).hasValueSatisfying(v -> assertThat(Long.parseLong(v)).isPositive());

        String email = email("neighbour");
        assertThat(post("application/json", jsonForm(email), "Origin", SITE, "X-Forwarded-For", "198.51.100.32").statusCode())
                .isEqualTo(201);
    }
}
