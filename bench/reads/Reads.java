import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Read load for the people tools: N sessions (threads) call get_person or search_leads back to
 * back for D seconds after a warm-up, and the latency of every call is kept.
 *
 *   java -cp bench/build Reads --url http://localhost:9080/mcp/lead-ingest --tool get_person --ohids ohids.txt -c 8 -d 15 --warmup 5
 *   java -cp bench/build Reads --url URL --tool search_leads [--query meta-not-called-back|web-suburb-text|name-text-30d|channel-newest] -c 8 -d 15
 *
 * get_person asks for a random OHID of the file. search_leads takes turns over the questions a
 * team asks: Meta leads of the last week with no call since, web leads of the last month by
 * suburb, a name in the last month, and a channel's newest leads. A call counts as an error unless it is HTTP 200
 * with structured content and no isError. Prints one RESULT line.
 */
public class Reads {

    static String url;
    static String tool = "get_person";
    static int sessions = 8;
    static int seconds = 15;
    static int warmup = 5;
    static List<String> ohids = List.of();
    /** search_leads: one of QUERIES by name, or all of them in turn (mix). */
    static String query = "mix";
    static final List<String> QUERIES = List.of("meta-not-called-back", "web-suburb-text", "name-text-30d", "channel-newest");

    public static void main(String[] args) throws Exception {
        for (int i = 0; i < args.length; i += 2) {
            switch (args[i]) {
                case "--url" -> url = args[i + 1];
                case "--tool" -> tool = args[i + 1];
                case "-c" -> sessions = Integer.parseInt(args[i + 1]);
                case "-d" -> seconds = Integer.parseInt(args[i + 1]);
                case "--warmup" -> warmup = Integer.parseInt(args[i + 1]);
                case "--query" -> query = args[i + 1];
                case "--ohids" -> ohids = Files.readAllLines(Path.of(args[i + 1])).stream().map(String::trim)
                        .filter(s -> !s.isEmpty()).toList();
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (url == null || (tool.equals("get_person") && ohids.isEmpty()) || !(query.equals("mix") || QUERIES.contains(query))) {
            throw new IllegalArgumentException("--url is required, --ohids for get_person, and --query one of mix " + QUERIES);
        }
        run(warmup, false);
        long[] all = run(seconds, true);
        Arrays.sort(all);
        System.out.printf("RESULT tool=%s query=%s sessions=%d calls=%d rps=%.1f p50_ms=%.2f p95_ms=%.2f p99_ms=%.2f max_ms=%.2f errors=%d%n",
                tool, query, sessions, all.length, all.length / (double) seconds, pct(all, 50), pct(all, 95), pct(all, 99),
                all.length == 0 ? 0 : all[all.length - 1] / 1e6, ERRORS.get());
        System.exit(ERRORS.get() == 0 ? 0 : 1);
    }

    static final AtomicLong ERRORS = new AtomicLong();

    static double pct(long[] sorted, int p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1e6;
    }

    /** Runs the sessions for {@code secs}; answers every call's latency in ns (counted calls only). */
    static long[] run(int secs, boolean counted) throws Exception {
        long end = System.nanoTime() + secs * 1_000_000_000L;
        long[][] perSession = new long[sessions][];
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < sessions; t++) {
            int index = t;
            Thread thread = new Thread(() -> perSession[index] = session(end, counted));
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        return Arrays.stream(perSession).flatMapToLong(Arrays::stream).toArray();
    }

    static long[] session(long end, boolean counted) {
        McpConnection connection = new McpConnection(URI.create(url)).inSession(null, "2025-11-25");
        long[] latencies = new long[1 << 16];
        int n = 0;
        int id = 0;
        while (System.nanoTime() < end) {
            String body = "{\"jsonrpc\":\"2.0\",\"id\":" + (++id) + ",\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool
                    + "\",\"arguments\":" + arguments(id) + "}}";
            long start = System.nanoTime();
            try {
                McpConnection.Answer answer = connection.post(body);
                long took = System.nanoTime() - start;
                String text = answer.body();
                boolean ok = answer.status() == 200 && text.contains("\"structuredContent\"")
                        && !text.contains("\"isError\":true");
                if (counted) {
                    if (!ok) {
                        if (ERRORS.incrementAndGet() <= 3) {
                            System.err.println("reads: " + answer.status() + " " + text.substring(0, Math.min(400, text.length())));
                        }
                    }
                    if (n == latencies.length) {
                        latencies = Arrays.copyOf(latencies, n * 2);
                    }
                    latencies[n++] = took;
                }
            } catch (Exception e) {
                connection.close();
                if (counted && ERRORS.incrementAndGet() <= 3) {
                    System.err.println("reads: " + e);
                }
            }
        }
        connection.close();
        return Arrays.copyOf(latencies, n);
    }

    static final String[] SUBURBS = {"bondi", "manly", "coogee", "newtown", "parramatta", "chatswood"};
    static final String[] NAMES = {"olivia", "noah", "charlotte", "jack", "amelia", "william"};
    static final String[] LAST_NAMES = {"smith", "nguyen", "kelly", "walker", "lee", "ryan"};

    static String arguments(int call) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        if (tool.equals("get_person")) {
            return "{\"ohid\":\"" + ohids.get(random.nextInt(ohids.size())) + "\"}";
        }
        Instant now = Instant.now();
        return switch (query.equals("mix") ? call % 4 : QUERIES.indexOf(query)) {
            case 0 -> "{\"source_system\":\"META\",\"created_from\":\"" + now.minus(Duration.ofDays(7))
                    + "\",\"has_call_after_lead\":false}";
            case 1 -> "{\"source_system\":\"WEB\",\"created_from\":\"" + now.minus(Duration.ofDays(30)) + "\",\"text\":\""
                    + SUBURBS[random.nextInt(SUBURBS.length)] + "\"}";
            case 2 -> "{\"created_from\":\"" + now.minus(Duration.ofDays(30)) + "\",\"text\":\""
                    + NAMES[random.nextInt(NAMES.length)] + " " + LAST_NAMES[random.nextInt(LAST_NAMES.length)] + "\",\"limit\":50}";
            default -> "{\"channel\":\"INBOUND_CALL\",\"limit\":20}";
        };
    }
}
