package com.opulenthorizons.gateway.deploy;

import static com.opulenthorizons.gateway.deploy.RepositoryFiles.list;
import static com.opulenthorizons.gateway.deploy.RepositoryFiles.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml does what the README's "Run with Docker" section says. No Docker engine runs where the
 * tests run, so the file is read as YAML and checked here; {@code docker-compose config} is not run by the build.
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
}
