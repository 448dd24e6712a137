import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The workflow webhook of the delivery benchmark: a receiver that answers 204 after a delay that
 * can be changed while it runs, and records, for each event, when it arrived and how long after
 * the event's {@code occurred_at} (the ingest's commit, give or take the one statement's run).
 * It verifies the Standard Webhooks signature when given the secret, and counts events that
 * arrive more than once (by {@code webhook-id}, else {@code event_id}).
 *
 * <pre>
 *   java bench/delivery/Sink.java --port 9286 [--delay-ms 20] [--secret whsec_...]
 *   POST /hook                       the webhook
 *   GET  /delay?ms=20                changes the delay
 *   GET  /stats?from=MS&amp;to=MS        figures for the events that occurred in [from, to) (epoch ms), as k=v
 * </pre>
 */
public final class Sink {

    private static final int CAPACITY = 1 << 22;
    /** Per arrival: when the event occurred, when it arrived (epoch ms). */
    private static final long[] OCCURRED = new long[CAPACITY];
    private static final long[] ARRIVED = new long[CAPACITY];
    private static final AtomicInteger COUNT = new AtomicInteger();
    private static final Set<String> SEEN = ConcurrentHashMap.newKeySet();
    private static final AtomicLong DUPLICATES = new AtomicLong();
    private static final AtomicLong BAD_SIGNATURES = new AtomicLong();
    private static volatile long delayMs;
    private static SecretKeySpec key;
    private static final ThreadLocal<Mac> MAC = ThreadLocal.withInitial(() -> {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    });

    public static void main(String[] args) throws IOException {
        int port = 9286;
        String secret = null;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[i + 1]);
                case "--delay-ms" -> delayMs = Long.parseLong(args[i + 1]);
                case "--secret" -> secret = args[i + 1];
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (secret != null) {
            key = new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256");
        }
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 1024);
        // Enough threads that the delay, not the pool, bounds how many requests are answered at once.
        server.setExecutor(Executors.newFixedThreadPool(256));
        server.createContext("/hook", Sink::hook);
        server.createContext("/delay", exchange -> {
            delayMs = Long.parseLong(query(exchange, "ms", "0"));
            answer(exchange, 200, "delay_ms=" + delayMs + "\n");
        });
        server.createContext("/stats", exchange -> answer(exchange, 200,
                stats(Long.parseLong(query(exchange, "from", "0")), Long.parseLong(query(exchange, "to", "" + Long.MAX_VALUE)))));
        server.start();
        System.out.println("sink: listening on 127.0.0.1:" + port + " (delay " + delayMs + " ms, signatures "
                + (key == null ? "not checked" : "checked") + ")");
    }

    private static void hook(HttpExchange exchange) throws IOException {
        long arrived = System.currentTimeMillis();
        byte[] body = exchange.getRequestBody().readAllBytes();
        String text = new String(body, StandardCharsets.UTF_8);
        String id = exchange.getRequestHeaders().getFirst("webhook-id");
        if (key != null && !signed(id, exchange.getRequestHeaders().getFirst("webhook-timestamp"),
                exchange.getRequestHeaders().getFirst("webhook-signature"), body)) {
            BAD_SIGNATURES.incrementAndGet();
        }
        if (!SEEN.add(id != null ? id : field(text, "event_id"))) {
            DUPLICATES.incrementAndGet();
        }
        String occurred = field(text, "occurred_at");
        int slot = COUNT.getAndIncrement();
        if (slot < CAPACITY) {
            OCCURRED[slot] = occurred == null ? 0 : Instant.parse(occurred).toEpochMilli();
            ARRIVED[slot] = arrived;
        }
        if (delayMs > 0) {
            try {
                Thread.sleep(delayMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        exchange.sendResponseHeaders(204, -1);
        exchange.close();
    }

    private static boolean signed(String id, String timestamp, String signatures, byte[] body) {
        if (id == null || timestamp == null || signatures == null) {
            return false;
        }
        Mac mac = MAC.get();
        mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
        byte[] expected = Base64.getEncoder().encode(mac.doFinal(body));
        for (String signature : signatures.split(" ")) {
            if (signature.startsWith("v1,")
                    && MessageDigest.isEqual(expected, signature.substring(3).getBytes(StandardCharsets.US_ASCII))) {
                return true;
            }
        }
        return false;
    }

    /** The value of a top-level string field, found by its text (the gateway writes no spaces). */
    private static String field(String json, String name) {
        String marker = "\"" + name + "\":\"";
        int start = json.indexOf(marker);
        if (start < 0) {
            return null;
        }
        start += marker.length();
        return json.substring(start, json.indexOf('"', start));
    }

    /** Figures over the arrivals of events that occurred in [from, to). */
    private static String stats(long from, long to) {
        int n = Math.min(COUNT.get(), CAPACITY);
        long[] lags = new long[n];
        int k = 0;
        long firstArrival = Long.MAX_VALUE;
        long lastArrival = 0;
        for (int i = 0; i < n; i++) {
            if (OCCURRED[i] >= from && OCCURRED[i] < to) {
                lags[k++] = ARRIVED[i] - OCCURRED[i];
                firstArrival = Math.min(firstArrival, ARRIVED[i]);
                lastArrival = Math.max(lastArrival, ARRIVED[i]);
            }
        }
        lags = Arrays.copyOf(lags, k);
        Arrays.sort(lags);
        return String.format(Locale.ROOT, "received=%d lag_p50_ms=%d lag_p99_ms=%d lag_max_ms=%d first_arrival=%d "
                + "last_arrival=%d duplicates_all=%d bad_signatures_all=%d received_all=%d%n", k, pct(lags, 50), pct(lags, 99),
                k == 0 ? 0 : lags[k - 1], k == 0 ? 0 : firstArrival, lastArrival, DUPLICATES.get(), BAD_SIGNATURES.get(),
                COUNT.get());
    }

    private static long pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int i = (int) Math.ceil(p / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    private static String query(HttpExchange exchange, String name, String otherwise) {
        String q = exchange.getRequestURI().getQuery();
        if (q != null) {
            for (String pair : q.split("&")) {
                if (pair.startsWith(name + "=")) {
                    return pair.substring(name.length() + 1);
                }
            }
        }
        return otherwise;
    }

    private static void answer(HttpExchange exchange, int status, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
