import java.io.IOException;
import java.net.URI;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Open-loop ingest load for the delivery benchmark: {@code ingest_lead} calls at a fixed rate,
 * whatever the answers' latency, over MCP Streamable HTTP (JSON-RPC over keep-alive HTTP/1.1
 * connections, one MCP session each). Call i is due at start + i / rate; a free connection takes
 * the next due call, and its latency counts from when it was due, so a server that falls behind
 * shows it in the latency rather than in a lower offered rate (no coordinated omission).
 * One in ten calls repeats an earlier caller's email, so some people get several events, which
 * the delivery must send in order.
 *
 * <pre>
 *   java -cp bench/build IngestAtRate --url http://localhost:9080/mcp/lead-ingest --rate 1000 --duration 60 [--connections 32]
 * </pre>
 * Last line: {@code RESULT k=v ...}, with {@code start_ms} and {@code end_ms} (epoch ms of the
 * first call's due time and the last answer).
 */
public final class IngestAtRate {

    private static URI uri;
    private static final String RUN = Long.toHexString(System.nanoTime()).substring(0, 8);
    private static final AtomicLong NEXT = new AtomicLong();
    private static final AtomicLong ERRORS = new AtomicLong();
    private static volatile String firstError;

    public static void main(String[] args) throws Exception {
        String url = null;
        double rate = 1000;
        double duration = 60;
        int connections = 32;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--url" -> url = args[i + 1];
                case "--rate" -> rate = Double.parseDouble(args[i + 1]);
                case "--duration" -> duration = Double.parseDouble(args[i + 1]);
                case "--connections" -> connections = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        uri = URI.create(url);
        long calls = Math.round(rate * duration);
        double intervalNs = 1e9 / rate;

        Session[] sessions = new Session[connections];
        for (int i = 0; i < connections; i++) {
            sessions[i] = new Session(i);
            sessions[i].open();
        }
        long startNs = System.nanoTime() + 200_000_000L;
        long startMs = System.currentTimeMillis() + 200;
        CountDownLatch done = new CountDownLatch(connections);
        for (Session s : sessions) {
            Thread t = new Thread(() -> {
                try {
                    s.run(startNs, intervalNs, calls);
                } finally {
                    done.countDown();
                }
            }, "c" + s.id);
            t.setDaemon(true);
            t.start();
        }
        done.await();
        long endNs = System.nanoTime();
        long endMs = startMs + (endNs - startNs) / 1_000_000;

        long n = 0;
        for (Session s : sessions) {
            n += s.count;
        }
        long[] all = new long[(int) n];
        int k = 0;
        for (Session s : sessions) {
            System.arraycopy(s.latencies, 0, all, k, s.count);
            k += s.count;
        }
        Arrays.sort(all);
        double seconds = (endNs - startNs) / 1e9;
        long errors = ERRORS.get();
        System.out.printf(Locale.ROOT, "ingest_lead at %.0f/s offered: %d calls in %.2f s = %.1f/s, latency from due time "
                + "ms p50 %.1f p99 %.1f max %.1f, errors %d%n", rate, n, seconds, (n - errors) / seconds, pct(all, 50) / 1e6,
                pct(all, 99) / 1e6, all.length == 0 ? 0 : all[all.length - 1] / 1e6, errors);
        if (firstError != null) {
            System.out.println("first error: " + firstError);
        }
        System.out.printf(Locale.ROOT, "RESULT offered_rps=%.0f calls=%d ok=%d errors=%d secs=%.2f rps=%.1f p50_ms=%.1f "
                + "p99_ms=%.1f max_ms=%.1f start_ms=%d end_ms=%d%n", rate, n, n - errors, errors, seconds, (n - errors) / seconds,
                pct(all, 50) / 1e6, pct(all, 99) / 1e6, all.length == 0 ? 0 : all[all.length - 1] / 1e6, startMs, endMs);
        System.exit(errors > 0 ? 1 : 0);
    }

    private static long pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int i = (int) Math.ceil(p / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    private static void error(String what) {
        if (ERRORS.incrementAndGet() == 1) {
            firstError = what.length() > 300 ? what.substring(0, 300) : what;
        }
    }

    /** One MCP session on one keep-alive connection. */
    private static final class Session {
        final int id;
        long rpcId = 1;
        long seq;
        long[] latencies = new long[1 << 16];
        int count;
        String[] recentEmails = new String[64];
        final McpConnection connection = new McpConnection(uri);

        Session(int id) {
            this.id = id;
        }

        void open() throws IOException {
            McpConnection.Answer answer = connection.post("{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":"
                    + "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"bench-rate\",\"version\":\"1\"}}}");
            if (answer.status() != 200) {
                throw new IOException("initialize: HTTP " + answer.status() + " " + answer.body());
            }
            connection.inSession(answer.sessionId(), "2025-06-18");
            connection.post("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        }

        void run(long startNs, double intervalNs, long calls) {
            java.util.SplittableRandom random = new java.util.SplittableRandom(id * 7919L + System.nanoTime());
            for (long i; (i = NEXT.getAndIncrement()) < calls; ) {
                long due = startNs + (long) (i * intervalNs);
                for (long wait; (wait = due - System.nanoTime()) > 0; ) {
                    LockSupport.parkNanos(wait);
                }
                String email;
                String repeat = seq > 0 && random.nextInt(10) == 0 ? recentEmails[random.nextInt((int) Math.min(seq, 64))] : null;
                if (repeat != null) {
                    email = repeat;
                } else {
                    email = "rate-" + RUN + "-" + id + "-" + seq + "@bench.example";
                    recentEmails[(int) (seq % 64)] = email;
                    seq++;
                }
                String body = "{\"jsonrpc\":\"2.0\",\"id\":" + (rpcId++) + ",\"method\":\"tools/call\",\"params\":{\"name\":"
                        + "\"ingest_lead\",\"arguments\":" + lead(email, i) + "}}";
                try {
                    McpConnection.Answer answer = connection.post(body);
                    if (answer.status() != 200 || answer.body().contains("\"isError\":true") || !answer.body().contains("\"ohid\"")) {
                        error("HTTP " + answer.status() + ": " + answer.body());
                    }
                } catch (IOException e) {
                    connection.close();
                    error(e.toString());
                }
                if (count == latencies.length) {
                    latencies = Arrays.copyOf(latencies, count * 2);
                }
                latencies[count++] = System.nanoTime() - due;
            }
            connection.close();
        }

        String lead(String email, long i) {
            return "{\"source_system\":\"WEB\",\"source_lead_id\":\"rate-" + RUN + "-" + i + "\",\"channel\":\"WEB_FORM\","
                    + "\"first_name\":\"Erika\",\"last_name\":\"Mustermann\",\"marketing_consent\":true,\"email\":\"" + email
                    + "\",\"phone\":\"" + String.format(Locale.ROOT, "+49%03d%010d", id % 1000, i) + "\","
                    + "\"budget_range\":\"300k-450k EUR\",\"location\":\"Berlin-Pankow\",\"property_type\":\"APARTMENT\","
                    + "\"free_text\":\"Looking for a 3-room flat with balcony near public transport.\",\"consent_source\":\"web_form_v3\"}";
        }
    }
}
