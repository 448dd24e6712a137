package com.opulenthorizons.gateway.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The image: pinned bases, the smallest Liberty image with the server's features, a health check that runs in it,
 * and the JVM's memory bounds adding up to less than the 0.5 GiB container. No Docker engine runs here, so the
 * Dockerfile is read as text.
 */
class DockerfileTest {

    private static final int CONTAINER_MIB = 512;
    /** Not bounded by a flag, estimated (docs/reference/operations.md#memory): class metadata, thread stacks, other native. */
    private static final int UNBOUNDED_ESTIMATE_MIB = 90 + 40 + 48;

    private final String dockerfile = RepositoryFiles.text("Dockerfile");
    private final String jvmOptions = RepositoryFiles.text("src/main/liberty/config/jvm.options");

    private List<String> baseImages() {
        return Pattern.compile("(?m)^FROM (\\S+)").matcher(dockerfile).results().map(m -> m.group(1)).toList();
    }

    @Test
    void everyBaseImageIsPinnedByVersion() {
        assertThat(baseImages()).hasSize(2).allSatisfy(image -> {
            String tag = image.substring(image.lastIndexOf(':') + 1);
            assertThat(tag).as(image).containsPattern("^\\d+\\.\\d+\\.\\d+").doesNotContain("latest");
        });
    }

    @Test
    void runsOnKernelSlimOfTheTestedLibertyWithOnlyTheServersFeatures() {
        String liberty = baseImages().get(1);
        Matcher version = Pattern.compile("<openliberty.version>([^<]+)<").matcher(RepositoryFiles.text("pom.xml"));
        assertThat(version.find()).isTrue();
        assertThat(liberty).isEqualTo("icr.io/appcafe/open-liberty:" + version.group(1) + "-kernel-slim-java17-openj9-ubi-minimal");
        int serverXml = dockerfile.indexOf("/config/server.xml");
        int features = dockerfile.indexOf("RUN features.sh");
        int war = dockerfile.indexOf("/config/apps/mcp-gateway.war");
        assertThat(serverXml).isPositive().isLessThan(features);
        assertThat(features).isLessThan(war);
        assertThat(dockerfile).contains("configure.sh");
    }

    @Test
    void theHealthCheckAsksLivenessWithCurlOnTheExposedPort() {
        assertThat(dockerfile).contains("EXPOSE 9080");
        assertThat(dockerfile).containsPattern("(?m)^HEALTHCHECK .* CMD curl -fsS -o /dev/null http://localhost:9080/health/live");
    }

    @Test
    void theBoundedMemoryAndTheEstimatesFitTheContainer() {
        Matcher percentage = Pattern.compile("(?m)^-XX:MaxRAMPercentage=(\\d+)$").matcher(jvmOptions);
        assertThat(percentage.find()).as("the heap is sized from the container's limit").isTrue();
        assertThat(jvmOptions).doesNotContainPattern("(?m)^-Xmx");
        int heap = CONTAINER_MIB * Integer.parseInt(percentage.group(1)) / 100;
        int direct = mebibytes(jvmOptions, "-XX:MaxDirectMemorySize=");
        int codeCache = mebibytes(dockerfile, "-Xcodecachetotal");
        assertThat(jvmOptions).contains("-Xss512k", "-XX:+ExitOnOutOfMemoryError");
        assertThat(heap + direct + codeCache + UNBOUNDED_ESTIMATE_MIB)
                .as("heap %d + direct %d + code cache %d + estimated %d MiB", heap, direct, codeCache, UNBOUNDED_ESTIMATE_MIB)
                .isLessThanOrEqualTo(CONTAINER_MIB - 16);
        assertThat(jvmOptions).contains("heap " + heap + " (" + percentage.group(1) + "% of the limit, -XX:MaxRAMPercentage)", "JIT code cache " + codeCache, "direct buffers " + direct);
    }

    @Test
    void theImageLogsJsonAsTheReadmesObserveSectionSays() {
        assertThat(dockerfile).containsPattern("(?m)^\\s+WLP_LOGGING_CONSOLE_FORMAT=json \\\\$");
        assertThat(RepositoryFiles.text("infra/main.bicep")).contains("WLP_LOGGING_CONSOLE_FORMAT: 'json'");
        // Liberty's console takes AUDIT and above by default, which would leave out the INFO audit lines
        assertThat(dockerfile).containsPattern("(?m)^\\s+WLP_LOGGING_CONSOLE_LOGLEVEL=info$");
        assertThat(RepositoryFiles.text("infra/main.bicep")).contains("WLP_LOGGING_CONSOLE_LOGLEVEL: 'info'");
        assertThat(RepositoryFiles.readmeSection("Observe")).contains("WLP_LOGGING_CONSOLE_FORMAT=json",
                "WLP_LOGGING_CONSOLE_LOGLEVEL=info", "com.opulenthorizons.gateway.audit", "/health/ready");
    }

    /** The size after a flag, in MiB ({@code 224m}); 0 when it is given in KiB. */
    private static int mebibytes(String text, String flag) {
        Matcher size = Pattern.compile(Pattern.quote(flag) + "(\\d+)([mk])").matcher(text);
        assertThat(size.find()).as(flag).isTrue();
        return size.group(2).equals("m") ? Integer.parseInt(size.group(1)) : 0;
    }
}
