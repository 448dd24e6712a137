package it.com.opulenthorizons.gateway.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The README's "Run without containers": {@code java -jar target/mcp-gateway.jar}, configured by environment
 * variables only, comes up ready. The build packages the jar in pre-integration-test (liberty:package,
 * minify,runnable); this test starts it as a user would, with a clean environment, in memory.
 */
class RunnableJarIT {

    private static final Path JAR = Path.of(System.getProperty("it.runnable.jar", "target/mcp-gateway.jar"));
    private static final int PORT = Integer.parseInt(System.getProperty("it.runnable.http.port", "9183"));
    private static final Path LOG = Path.of("target/runnable-jar.log");
    /** Where the jar unpacks itself (by default under $HOME/wlpExtract); the jar refuses a directory that exists. */
    private static final Path EXTRACTED = Path.of("target/runnable-jar-extract").toAbsolutePath();

    private static Process server;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startTheJar() throws IOException {
        assertThat(JAR).as("liberty:package in pre-integration-test makes it").isRegularFile();
        if (Files.exists(EXTRACTED)) {
            try (Stream<Path> earlier = Files.walk(EXTRACTED)) {
                for (Path path : earlier.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(java.toString(), "-jar", JAR.toAbsolutePath().toString())
                .redirectErrorStream(true).redirectOutput(LOG.toFile());
        Map<String, String> environment = builder.environment();
        String path = environment.get("PATH");
        environment.clear();
        environment.put("PATH", path);
        environment.put("HOME", System.getProperty("user.home"));
        // Liberty variables and MicroProfile Config settings, both from the environment as the README shows
        environment.put("HTTP_PORT", String.valueOf(PORT));
        environment.put("MCP_API_KEYS", "runnable-jar-key");
        environment.put("WLP_JAR_EXTRACT_DIR", EXTRACTED.toString());
        server = builder.start();
    }

    @AfterAll
    static void stopTheJar() throws InterruptedException {
        if (server == null) {
            return;
        }
        // SIGTERM: the launcher stops the server JVM it started, as Ctrl-C would
        server.destroy();
        if (!server.waitFor(60, TimeUnit.SECONDS)) {
            server.descendants().forEach(ProcessHandle::destroyForcibly);
            server.destroyForcibly();
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + PORT + path);
    }

    @Test
    void comesUpReadyOnThePortFromTheEnvironmentAndReadsTheGatewaysSettingsFromIt() throws Exception {
        Awaitility.await("GET /health/ready of the runnable jar (log: " + LOG + ")")
                .atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(2)).ignoreExceptions()
                .failFast("the jar's JVM ended (log: " + LOG + ")", () -> !server.isAlive())
                .untilAsserted(() -> assertThat(send(HttpRequest.newBuilder(uri("/health/ready"))).statusCode()).isEqualTo(200));
        HttpResponse<String> ready = send(HttpRequest.newBuilder(uri("/health/ready")));
        assertThat(ready.body()).contains("\"status\":\"UP\"", "\"auth\":\"api_keys\"");
        HttpResponse<String> withoutKey = send(HttpRequest.newBuilder(uri("/mcp/lead-ingest"))
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}")));
        assertThat(withoutKey.statusCode()).as(withoutKey.body()).isEqualTo(401);
        assertThat(Files.readString(LOG)).contains("PGHOST is not set: using the in-memory store");
    }

    @Test
    void theReadmeShowsHowToBuildAndStartIt() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        assertThat(readme).contains("## Run without containers", "liberty:package", "java -jar target/mcp-gateway.jar");
    }
}
