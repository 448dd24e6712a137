package com.opulenthorizons.gateway.deploy;

import static com.opulenthorizons.gateway.deploy.RepositoryFiles.list;
import static com.opulenthorizons.gateway.deploy.RepositoryFiles.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The GitHub Actions workflow does what the README's "Deploy to Azure" and "Tests" sections say; GitHub is not run from here. */
class CiWorkflowTest {

    private final Map<String, Object> workflow = RepositoryFiles.yaml(".github/workflows/ci.yml");
    private final Map<String, Object> jobs = map(workflow.get("jobs"), "jobs");

    private Map<String, Object> job(String name) {
        return map(jobs.get(name), "job " + name);
    }

    private List<Map<String, Object>> steps(String job) {
        return list(job(job).get("steps"), job + " steps").stream().map(step -> map(step, "a step of " + job)).toList();
    }

    private String runs(String job) {
        return String.join("\n", steps(job).stream().map(step -> String.valueOf(step.getOrDefault("run", ""))).toList());
    }

    private Map<String, Object> uses(String job, String action) {
        return steps(job).stream().filter(step -> String.valueOf(step.get("uses")).startsWith(action + "@")).findFirst()
                .orElseThrow(() -> new AssertionError(job + " does not use " + action));
    }

    @Test
    void runsOnEveryPushToMainAndEveryPullRequest() {
        // YAML 1.1 reads the key "on" as true
        Map<String, Object> on = map(workflow.containsKey("on") ? workflow.get("on") : workflow.get(true), "on");
        assertThat(list(map(on.get("push"), "push").get("branches"), "push branches")).containsExactly("main");
        assertThat(on).containsKey("pull_request");
    }

    @Test
    void verifiesWithJdk17AndTheMavenCacheRunningTheReadmesTestCommand() {
        Map<String, Object> java = map(uses("verify", "actions/setup-java").get("with"), "setup-java with");
        assertThat(java).containsEntry("java-version", "17").containsEntry("cache", "maven");
        assertThat(runs("verify")).contains("mvn -B -ntp verify");
        assertThat(RepositoryFiles.text("README.md")).contains("mvn verify");
    }

    @Test
    void deploysOnlyFromMainAfterTheTestsPass() {
        Map<String, Object> deploy = job("deploy");
        assertThat(deploy.get("needs")).isEqualTo("verify");
        assertThat(String.valueOf(deploy.get("if"))).contains("github.ref == 'refs/heads/main'", "github.event_name == 'push'");
    }

    @Test
    void signsInToAzureWithOidcAndNoStoredSecret() {
        assertThat(map(job("deploy").get("permissions"), "deploy permissions")).containsEntry("id-token", "write");
        assertThat(map(workflow.get("permissions"), "permissions")).containsEntry("contents", "read").doesNotContainKey("id-token");
        Map<String, Object> login = map(uses("deploy", "azure/login").get("with"), "azure/login with");
        assertThat(login).containsOnlyKeys("client-id", "tenant-id", "subscription-id");
        assertThat(RepositoryFiles.text(".github/workflows/ci.yml")).doesNotContain("secrets.");
    }

    @Test
    void pushesTheImageDeploysTheBicepFileAndSmokeTestsReadiness() {
        String deploy = runs("deploy");
        assertThat(deploy).contains("az acr login", "docker build", "docker push \"$IMAGE\"");
        assertThat(deploy).contains("az deployment group create", "--template-file infra/main.bicep",
                "--parameters infra/main.parameters.json", "image=\"$IMAGE\"");
        assertThat(deploy).containsPattern("curl -fsS .*\"\\$URL/health/ready\"");
        assertThat(deploy.indexOf("docker push")).isLessThan(deploy.indexOf("az deployment group create"));
        assertThat(deploy.indexOf("az deployment group create")).isLessThan(deploy.indexOf("/health/ready"));
    }
}
