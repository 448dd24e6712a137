package it.com.opulenthorizons.gateway.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.opulenthorizons.gateway.testing.ValidLead;

import it.com.opulenthorizons.gateway.GatewayUnderTest;
import tools.jackson.databind.json.JsonMapper;

/**
 * The deprecated HTTP+SSE transport, as an older MCP client uses it: enabled on the main test
 * server (MCP_LEGACY_SSE_ENABLED in pom.xml), with the same credentials and tools as Streamable
 * HTTP; absent where it is not enabled (the in-memory server).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class LegacySseIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String SSE = "/mcp/lead-ingest/sse";

    /** One server-sent event. */
    private record Event(String name, String data) {
    }

    @BeforeAll
    static void ready() {
        GatewayUnderTest.awaitReady();
    }

    private static HttpRequest.Builder withKey(HttpRequest.Builder request) {
        return request.header("Authorization", "Bearer " + GatewayUnderTest.API_KEY);
    }

    /** Reads the stream's events into a queue, on the HTTP client's threads. */
    private static BlockingQueue<Event> events(Stream<String> lines) {
        BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        CompletableFuture.runAsync(() -> {
            String name = "message";
            StringBuilder data = new StringBuilder();
            for (Iterator<String> it = lines.iterator(); it.hasNext();) {
                String line = it.next();
                if (line.startsWith("event:")) {
                    name = line.substring(6).trim();
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(5).trim());
                } else if (line.isEmpty() && data.length() > 0) {
                    events.add(new Event(name, data.toString()));
                    name = "message";
                    data.setLength(0);
                }
            }
        });
        return events;
    }

    private static Event next(BlockingQueue<Event> events) throws InterruptedException {
        Event event = events.poll(20, TimeUnit.SECONDS);
        assertThat(event).as("an event on the SSE stream within 20 s").isNotNull();
        return event;
    }

    private static HttpResponse<String> post(String messageUrl, Object message) throws Exception {
        return HTTP.send(withKey(HttpRequest.newBuilder(URI.create(GatewayUnderTest.baseUrl() + messageUrl)))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JsonMapper.shared().writeValueAsString(message))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> answer(BlockingQueue<Event> events) throws Exception {
        Event event = next(events);
        assertThat(event.name()).isEqualTo("message");
        return JsonMapper.shared().readValue(event.data(), Map.class);
    }

    /** The handshake (a session answers nothing else before it): initialize, its answer, then notifications/initialized. */
    private static Map<String, Object> initialise(String messageUrl, BlockingQueue<Event> events) throws Exception {
        assertThat(post(messageUrl, Map.of("jsonrpc", "2.0", "id", 1, "method", "initialize", "params", Map.of(
                "protocolVersion", "2024-11-05", "capabilities", Map.of(),
                "clientInfo", Map.of("name", "legacy-sse-it", "version", "1"))))
                .statusCode()).isEqualTo(200);
        Map<String, Object> initialized = answer(events);
        assertThat(post(messageUrl, Map.of("jsonrpc", "2.0", "method", "notifications/initialized")).statusCode())
                .isEqualTo(200);
        return initialized;
    }

    @Test
    @SuppressWarnings("unchecked")
    void anOlderClientInitialisesAndCallsAToolOverTheStream() throws Exception {
        HttpResponse<Stream<String>> stream = HTTP.send(withKey(HttpRequest.newBuilder(GatewayUnderTest.uri(SSE)))
                .header("Accept", "text/event-stream").GET().build(), HttpResponse.BodyHandlers.ofLines());
        assertThat(stream.statusCode()).isEqualTo(200);
        BlockingQueue<Event> events = events(stream.body());
        try {
            Event endpoint = next(events);
            assertThat(endpoint.name()).isEqualTo("endpoint");
            assertThat(endpoint.data()).startsWith("/mcp/lead-ingest/message?sessionId=");

            Map<String, Object> initialized = initialise(endpoint.data(), events);
            assertThat(initialized).containsEntry("id", 1);
            assertThat((Map<String, Object>) initialized.get("result")).containsEntry("protocolVersion", "2024-11-05")
                    .extractingByKey("serverInfo").asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                    .containsEntry("name", "lead-ingest");

            String lead = GatewayUnderTest.unique("sse");
            assertThat(post(endpoint.data(), Map.of("jsonrpc", "2.0", "id", 2, "method", "tools/call",
                    "params", Map.of("name", "ingest_lead", "arguments", ValidLead.web(lead).arguments()))).statusCode())
                    .isEqualTo(200);
            Map<String, Object> called = answer(events);
            assertThat(called).containsEntry("id", 2);
            Map<String, Object> result = (Map<String, Object>) called.get("result");
            assertThat(result).containsEntry("isError", false);
            assertThat((Map<String, Object>) result.get("structuredContent")).containsKey("ohid");
        } finally {
            stream.body().close();
        }
    }

    @Test
    void aSessionTakesMessagesOnlyFromTheCallerWhoOpenedIt() throws Exception {
        HttpResponse<Stream<String>> stream = HTTP.send(withKey(HttpRequest.newBuilder(GatewayUnderTest.uri(SSE)))
                .header("Accept", "text/event-stream").GET().build(), HttpResponse.BodyHandlers.ofLines());
        BlockingQueue<Event> events = events(stream.body());
        try {
            String messageUrl = next(events).data();
            initialise(messageUrl, events);
            String ping = JsonMapper.shared().writeValueAsString(Map.of("jsonrpc", "2.0", "id", 7, "method", "ping"));
            // another valid caller (ScopedAccessIT's reader) who learnt the session id
            HttpResponse<String> foreign = HTTP.send(HttpRequest.newBuilder(URI.create(GatewayUnderTest.baseUrl() + messageUrl))
                    .header("Authorization", "Bearer it-reader-key").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(ping)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(foreign.statusCode()).isEqualTo(403);
            assertThat(foreign.body()).contains("belongs to the caller who opened its stream");
            assertThat(events.poll(1, TimeUnit.SECONDS)).as("nothing answered on the owner's stream").isNull();

            assertThat(post(messageUrl, Map.of("jsonrpc", "2.0", "id", 8, "method", "ping")).statusCode()).isEqualTo(200);
            assertThat(answer(events)).containsEntry("id", 8);
        } finally {
            stream.body().close();
        }
    }

    @Test
    void withoutCredentialsTheStreamIsRefused() throws Exception {
        HttpResponse<String> refused = HTTP.send(HttpRequest.newBuilder(GatewayUnderTest.uri(SSE))
                .header("Accept", "text/event-stream").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("WWW-Authenticate")).isPresent();
    }

    @Test
    void whereItIsNotEnabledThereIsNoSuchEndpoint() throws Exception {
        String memory = System.getProperty("it.memory.base.url", "http://localhost:9181");
        HttpResponse<String> absent = HTTP.send(HttpRequest.newBuilder(URI.create(memory + SSE))
                .header("Accept", "text/event-stream").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(absent.statusCode()).isEqualTo(404);
    }
}
