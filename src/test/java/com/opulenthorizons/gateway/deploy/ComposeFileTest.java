package com.opulenthorizons.gateway.deploy;

import static com.opulenthorizons.gateway.deploy.RepositoryFiles.list;
import static com.opulenthorizons.gateway.deploy.RepositoryFiles.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docker-compose.yml does what the README's "Run with Docker" section says. No Docker engine runs where the
 * tests run, so the file is read as YAML and checked here. Where Compose itself is installed (Debian's
 * {@code docker-compose}, or the {@code docker compose} plugin as on GitHub's runners), it validates the file too;
 * elsewhere that test is reported as skipped.
 */
class ComposeFileTest {

    private static final String COMPOSE = "docker-compose.yml";

    private final Map<String, Object> compose = RepositoryFiles.yaml(COMPOSE);
    private final Map<String, Object> services = map(compose.get("services"), "services");

    private Map<String, Object> service(String name) {
        return map(services.get(name), "service " + name);
    }

    @Test
    void postgresql16KeepsItsDataInANamedVolumeAndReportsItsHealth() {
        Map<String, Object> db = service("db");
        assertThat((String) db.get("image")).startsWith("postgres:16.");
        String dataVolume = list(db.get("volumes"), "db volumes").stream().map(String::valueOf)
                .filter(v -> v.endsWith(":/var/lib/postgresql/data")).findFirst()
                .orElseThrow(() -> new AssertionError("db mounts nothing on /var/lib/postgresql/data"));
        assertThat(map(compose.get("volumes"), "volumes")).containsKey(dataVolume.substring(0, dataVolume.indexOf(':')));
        assertThat(String.valueOf(map(db.get("healthcheck"), "db healthcheck").get("test"))).contains("pg_isready");
    }

    @Test
    void theGatewayIsBuiltFromTheDockerfileAndWaitsForAHealthyDatabase() {
        Map<String, Object> gateway = service("gateway");
        assertThat(gateway.get("build")).isEqualTo(".");
        assertThat(Files.exists(Path.of("Dockerfile"))).isTrue();
        assertThat(map(map(gateway.get("depends_on"), "gateway depends_on").get("db"), "depends_on db"))
                .containsEntry("condition", "service_healthy");
        assertThat(map(gateway.get("environment"), "gateway environment")).containsEntry("PGHOST", "db");
        assertThat(list(gateway.get("ports"), "gateway ports")).anySatisfy(p -> assertThat(String.valueOf(p)).endsWith(":9080"));
        assertThat(gateway).doesNotContainKey("profiles");
    }

    @Test
    void theGatewaysEnvironmentComesFromDotEnvWhoseVariablesTheExampleLists() {
        assertThat(service("gateway").get("env_file")).isEqualTo(".env");
        Matcher interpolated = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)").matcher(RepositoryFiles.text(COMPOSE));
        String example = RepositoryFiles.text(".env.example");
        while (interpolated.find()) {
            assertThat(example).as(COMPOSE + " reads ${" + interpolated.group(1) + "}; .env.example must list it")
                    .containsPattern("(?m)^#? ?" + interpolated.group(1) + "=");
        }
    }

    @Test
    void n8nIsOptionalAndTheExampleWebhookUrlPointsAtIt() {
        Map<String, Object> n8n = service("n8n");
        assertThat(list(n8n.get("profiles"), "n8n profiles")).containsExactly("n8n");
        assertThat(list(n8n.get("ports"), "n8n ports")).anySatisfy(p -> assertThat(String.valueOf(p)).endsWith(":5678"));
        Matcher url = Pattern.compile("(?m)^#? ?WORKFLOW_WEBHOOK_URL=(\\S+)").matcher(RepositoryFiles.text(".env.example"));
        assertThat(url.find()).as(".env.example suggests a WORKFLOW_WEBHOOK_URL").isTrue();
        URI webhook = URI.create(url.group(1));
        assertThat(webhook.getHost()).isEqualTo("n8n");
        assertThat(webhook.getPort()).isEqualTo(5678);
        assertThat(webhook.getPath()).startsWith("/webhook/");
    }

    @Test
    void theReadmeGivesTheCommands() {
        String section = RepositoryFiles.readmeSection("Run with Docker");
        assertThat(section).contains("cp .env.example .env", "docker compose up", "docker compose --profile n8n up",
                "docs/how-to/deploy.md");
    }

    @Test
    void composeItselfAcceptsTheFileWithTheExampleSettings(@TempDir Path project) throws IOException, InterruptedException {
        List<String> compose = composeCommand();
        assumeTrue(compose != null, "neither docker-compose nor the docker compose plugin is installed");
        Files.copy(Path.of(COMPOSE), project.resolve(COMPOSE));
        Files.copy(Path.of("Dockerfile"), project.resolve("Dockerfile"));
        Files.copy(Path.of(".env.example"), project.resolve(".env"));
        List<String> command = new ArrayList<>(compose);
        command.addAll(List.of("--profile", "n8n", "config", "--services"));
        assertThat(run(command, project).lines()).as(String.join(" ", command)).contains("db", "gateway", "n8n");
    }

    private static List<String> composeCommand() throws InterruptedException {
        for (List<String> candidate : List.of(List.of("docker-compose"), List.of("docker", "compose"))) {
            try {
                List<String> version = new ArrayList<>(candidate);
                version.add("version");
                Process process = new ProcessBuilder(version).redirectErrorStream(true).start();
                process.getInputStream().readAllBytes();
                if (process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0) {
                    return candidate;
                }
            } catch (IOException notInstalled) {
                // try the next one
            }
        }
        return null;
    }

    private static String run(List<String> command, Path directory) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as(command + " finished").isTrue();
        assertThat(process.exitValue()).as(command + " answered:\n" + output).isZero();
        return output;
    }
}
