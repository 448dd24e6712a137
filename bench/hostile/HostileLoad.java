import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Hostile load for the memory bound: SESSIONS clients each send, back to back, an ingest_lead call
 * whose raw_payload is one JSON object of KEYS small keys (about 0.9 MB for 72,000 keys, just under
 * MCP_MAX_REQUEST_BYTES), for DURATION seconds. It counts the answers by kind: a tool error naming
 * raw_payload, 413, 429, any other status, and failed connections (a crashed or stalled server).
 *
 * <pre>
 *   java bench/hostile/HostileLoad.java --url http://localhost:9080/mcp/lead-ingest [--sessions 48] [--duration 30] [--keys 72000]
 * </pre>
 * Last line: {@code RESULT k=v ...}; the exit status is 1 when any answer was not a clear refusal.
 */
public final class HostileLoad {

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new TreeMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            opts.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        URI url = URI.create(opts.getOrDefault("url", "http://localhost:9080/mcp/lead-ingest"));
        int sessions = Integer.parseInt(opts.getOrDefault("sessions", "48"));
        long durationMs = Long.parseLong(opts.getOrDefault("duration", "30")) * 1000;
        int keys = Integer.parseInt(opts.getOrDefault("keys", "72000"));
        String apiKey = opts.getOrDefault("api-key", System.getenv().getOrDefault("MCP_API_KEY", ""));

        StringBuilder raw = new StringBuilder(keys * 13).append('{');
        for (int i = 0; i < keys; i++) {
            // about 12 bytes a key, so that 72,000 keys make the 0.9 MB, under MCP_MAX_REQUEST_BYTES
            raw.append(i == 0 ? "" : ",").append("\"key_").append(Integer.toString(i, 36)).append("\":").append(i % 10);
        }
        raw.append('}');
        String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"ingest_lead\",\"arguments\":{"
                + "\"source_system\":\"WEB\",\"source_lead_id\":\"hostile\",\"channel\":\"WEB_FORM\",\"first_name\":\"Hostile\","
                + "\"last_name\":\"Load\",\"marketing_consent\":false,\"raw_payload\":" + raw + "}}}";
        System.out.printf("hostile: %d sessions for %d s, bodies of %d bytes (%d keys in raw_payload)%n",
                sessions, durationMs / 1000, body.length(), keys);

        Map<String, AtomicLong> answers = new ConcurrentHashMap<>();
        long end = System.currentTimeMillis() + durationMs;
        Thread[] threads = new Thread[sessions];
        for (int t = 0; t < sessions; t++) {
            threads[t] = new Thread(() -> {
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(10)).build();
                while (System.currentTimeMillis() < end) {
                    HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(60))
                            .header("Content-Type", "application/json")
                            .header("Accept", "application/json, text/event-stream")
                            .POST(HttpRequest.BodyPublishers.ofString(body));
                    if (!apiKey.isEmpty()) {
                        request.header("Authorization", "Bearer " + apiKey);
                    }
                    answers.computeIfAbsent(kind(http, request.build()), k -> new AtomicLong()).incrementAndGet();
                }
            });
            threads[t].start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        long unclear = answers.entrySet().stream()
                .filter(e -> !e.getKey().equals("tool_error_raw_payload") && !e.getKey().equals("413") && !e.getKey().equals("429"))
                .mapToLong(e -> e.getValue().get()).sum();
        StringBuilder result = new StringBuilder("RESULT");
        new TreeMap<>(answers).forEach((k, v) -> result.append(' ').append(k).append('=').append(v.get()));
        System.out.println(result.append(" unclear=").append(unclear));
        System.exit(unclear == 0 ? 0 : 1);
    }

    private static String kind(HttpClient http, HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200 && response.body().contains("\"isError\":true")
                    && response.body().contains("raw_payload: must be at most")) {
                return "tool_error_raw_payload";
            }
            return Integer.toString(response.statusCode());
        } catch (Exception e) {
            return "failed_" + e.getClass().getSimpleName();
        }
    }
}
