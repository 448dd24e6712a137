package it.com.opulenthorizons.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import it.com.opulenthorizons.gateway.GatewayUnderTest;

/**
 * The rate limits on the test server: 3000 calls a minute per caller and tool
 * (RATE_LIMIT_TOOL_CALLS_PER_MINUTE in pom.xml), and the defaults per source address. Each test
 * uses a caller or an address of its own (X-Forwarded-For, which Liberty's remoteIp takes from a
 * loopback peer), so that reaching a limit disturbs no other test.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RateLimitIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final int TOOL_CALLS_PER_MINUTE = 3000;

    @BeforeAll
    static void ready() {
        GatewayUnderTest.awaitReady();
    }

    private static HttpRequest mcp(String body, String key) {
        return HttpRequest.newBuilder(GatewayUnderTest.uri("/mcp/lead-ingest"))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .header("Authorization", "Bearer " + key)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    /**
     * Sends {@code count} requests, 16 at a time, and gives the answers in order. The buckets refill
     * evenly while this runs, so a few more than the allowance may pass.
     */
    private static List<HttpResponse<String>> send(int count, java.util.function.IntFunction<HttpRequest> request) {
        return send(count, request, false);
    }

    /** As {@link #send(int, java.util.function.IntFunction)}, stopping after the batch with the first 429 if asked. */
    private static List<HttpResponse<String>> send(int count, java.util.function.IntFunction<HttpRequest> request,
            boolean untilRefused) {
        List<HttpResponse<String>> answers = new ArrayList<>();
        for (int start = 0; start < count && !(untilRefused && count(answers, 429) > 0); start += 16) {
            List<CompletableFuture<HttpResponse<String>>> batch = new ArrayList<>();
            for (int i = start; i < Math.min(count, start + 16); i++) {
                batch.add(HTTP.sendAsync(request.apply(i), HttpResponse.BodyHandlers.ofString()));
            }
            batch.forEach(f -> answers.add(f.join()));
        }
        return answers;
    }

    /** The tokens a bucket of {@code perMinute} can have regained since {@code startedNanos}, plus one. */
    private static long refilledDuring(long startedNanos, long perMinute) {
        double seconds = (System.nanoTime() - startedNanos) / 1e9;
        return (long) Math.ceil(seconds * perMinute / 60.0) + 1;
    }

    private static long count(List<HttpResponse<String>> answers, int status) {
        return answers.stream().filter(a -> a.statusCode() == status).count();
    }

    @Test
    void aCallerOverItsLimitForOneToolGets429WithRetryAfterAndItsRequestIdWhileOtherToolsStillWork() throws Exception {
        long started = System.nanoTime();
        List<HttpResponse<String>> answers = send(3 * TOOL_CALLS_PER_MINUTE,
                i -> mcp("{\"jsonrpc\":\"2.0\",\"id\":\"p-" + i + "\",\"method\":\"ping\"}", "it-rate-key"), true);

        long refilled = refilledDuring(started, TOOL_CALLS_PER_MINUTE);
        assertThat(count(answers, 429)).as("refused after the allowance and what refilled meanwhile").isPositive();
        assertThat(count(answers, 200)).isBetween((long) TOOL_CALLS_PER_MINUTE, TOOL_CALLS_PER_MINUTE + refilled);
        assertThat(count(answers, 200) + count(answers, 429)).isEqualTo(answers.size());
        int first = answers.indexOf(answers.stream().filter(a -> a.statusCode() == 429).findFirst().orElseThrow());
        HttpResponse<String> refused = answers.get(first);
        assertThat(refused.headers().firstValue("Retry-After")).hasValueSatisfying(v -> assertThat(Long.parseLong(v)).isPositive());
        assertThat(refused.body()).contains("\"id\":\"p-" + first + "\"").contains("rate limit: more than 3000 calls a minute of ping");

        HttpResponse<String> otherTool = HTTP.send(mcp("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":"
                + "{\"name\":\"lookup_ohid\",\"arguments\":{\"email\":\"nobody@example.com\"}}}", "it-rate-key"),
                HttpResponse.BodyHandlers.ofString());
        assertThat(otherTool.statusCode()).isEqualTo(200);
        // other callers have buckets of their own
        assertThat(HTTP.send(mcp("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}", GatewayUnderTest.API_KEY), HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);
    }

    @Test
    void aFloodOfBadSignaturesFromOneAddressIsCutOffBeforeVerificationAndLoggedOnceWithACount() throws Exception {
        java.util.function.IntFunction<HttpRequest> badSignature = i -> HttpRequest.newBuilder(GatewayUnderTest.uri("/webhooks/cloudtalk"))
                .header("Content-Type", "application/json")
                .header("X-Forwarded-For", "198.51.100.7")
                .header("X-CloudTalk-Signature", "00")
                .POST(HttpRequest.BodyPublishers.ofString("{\"call_id\":\"flood-" + i + "\"}")).build();

        long started = System.nanoTime();
        List<HttpResponse<String>> answers = send(700, badSignature);
        long refilled = refilledDuring(started, 600);

        assertThat(count(answers, 401)).isBetween(600L, 600L + refilled);
        assertThat(count(answers, 401) + count(answers, 429)).isEqualTo(700);
        HttpResponse<String> elsewhere = HTTP.send(HttpRequest.newBuilder(GatewayUnderTest.uri("/webhooks/cloudtalk"))
                .header("Content-Type", "application/json").header("X-Forwarded-For", "198.51.100.8")
                .header("X-CloudTalk-Signature", "00").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(elsewhere.statusCode()).isEqualTo(401);

        String log = Files.readString(Path.of(System.getProperty("it.server.log")));
        long refusalLines = log.lines().filter(l -> l.contains("cloudtalk webhook refused (401)")).count();
        assertThat(refusalLines).as("refusal lines for 600 refused deliveries").isLessThanOrEqualTo(2);
    }

    @Test
    void anAddressWithTooManyRefusedCredentialsIsAnswered429BeforeItsNextTokenIsChecked() throws Exception {
        java.util.function.IntFunction<HttpRequest> badKey = i -> HttpRequest.newBuilder(GatewayUnderTest.uri("/mcp/lead-ingest"))
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .header("X-Forwarded-For", "198.51.100.9").header("Authorization", "Bearer wrong-key-" + i)
                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}")).build();

        long started = System.nanoTime();
        List<HttpResponse<String>> answers = send(90, badKey);
        long refilled = refilledDuring(started, 60);

        // Only refusals count, so requests already being checked when the allowance runs out are still
        // answered 401: up to one batch (16 in flight) more.
        assertThat(count(answers, 401)).isBetween(60L, 60L + refilled + 15);
        assertThat(count(answers, 401) + count(answers, 429)).isEqualTo(90);
        assertThat(answers.get(89).headers().firstValue("Retry-After")).isPresent();
    }
}
