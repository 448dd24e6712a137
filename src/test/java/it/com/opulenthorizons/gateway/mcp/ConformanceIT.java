package it.com.opulenthorizons.gateway.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The official MCP conformance suite's protocol scenarios (src/test/conformance/run.sh) against
 * the running gateway. The suite's output goes to target/conformance/*.log.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ConformanceIT {

    private static void runSuite(String endpoint) throws IOException, InterruptedException {
        // The suite cannot send an API key, so it runs against the second test server, which has
        // none configured (the protocol scenarios need no database either). Its DNS-rebinding
        // scenario insists on a localhost URL.
        String url = System.getProperty("it.memory.base.url", "http://localhost:9181").replace("127.0.0.1", "localhost")
                + endpoint;
        Path reports = Path.of("target", "conformance");
        Files.createDirectories(reports);
        Path log = reports.resolve(endpoint.replace('/', '_') + ".log");
        Process process = new ProcessBuilder("bash", "src/test/conformance/run.sh", url, reports.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        boolean finished = process.waitFor(10, TimeUnit.MINUTES);
        if (!finished) {
            process.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(finished).as("conformance suite finished within 10 minutes").isTrue();
        assertThat(process.exitValue()).as("conformance suite exit code; output:\n" + output).isZero();
        assertThat(output).contains("all 7 scenarios passed");
    }

    @Test
    void leadIngestPassesTheProtocolScenarios() throws Exception {
        runSuite("/mcp/lead-ingest");
    }

    @Test
    void zohoSyncPassesTheProtocolScenarios() throws Exception {
        runSuite("/mcp/zoho-sync");
    }
}
