package it.com.opulenthorizons.gateway.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import it.com.opulenthorizons.gateway.GatewayUnderTest;
import tools.jackson.databind.json.JsonMapper;

@ExtendWith(ArquillianExtension.class)
@RunAsClient
class HealthIT {

    @BeforeAll
    static void serverReady() {
        GatewayUnderTest.awaitReady();
    }

    private final HttpClient http = HttpClient.newHttpClient();

    @SuppressWarnings("unchecked")
    private Map<String, Object> get(String path, int expectedStatus) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(GatewayUnderTest.uri(path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET " + path + ": " + response.body()).isEqualTo(expectedStatus);
        return JsonMapper.shared().readValue(response.body(), Map.class);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> check(Map<String, Object> health, String name) {
        return ((List<Map<String, Object>>) health.get("checks")).stream()
                .filter(c -> name.equals(c.get("name")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no check named " + name + " in " + health));
    }

    @Test
    void theGatewayIsLive() throws Exception {
        Map<String, Object> live = get("/health/live", 200);
        assertThat(live.get("status")).isEqualTo("UP");
        assertThat(check(live, "gateway").get("status")).isEqualTo("UP");
    }

    @Test
    void readinessTellsEveryoneTheStatusAndHowCallersAreCheckedButNoDetails() throws Exception {
        Map<String, Object> ready = get("/health/ready", 200);
        Map<String, Object> pipeline = check(ready, "pipeline");
        assertThat(pipeline.get("status")).isEqualTo("UP");
        assertThat(pipeline.get("data")).isEqualTo(Map.of("auth", "oauth_and_api_keys"));
        assertThat((Map<?, ?>) check(ready, "zoho").getOrDefault("data", Map.of())).isEmpty();
    }

    @Test
    void theDetailsMirrorThePipelineStatus() throws Exception {
        // from this machine: no credentials needed (AdminEndpointsIT covers callers from elsewhere)
        Map<String, Object> details = get("/admin/health", 200);
        @SuppressWarnings("unchecked")
        Map<String, Object> data = (Map<String, Object>) check(details, "pipeline").get("data");
        assertThat(data).containsKeys("store", "store_reachable", "store_detail", "workflow_webhook_configured", "meta_lead_ads",
                "meta_leads_pending", "meta_leads_failed", "web_form_origins", "web_form_captcha");
        assertThat(data.get("store_reachable")).isEqualTo(true);
        // the stand-in receiver answers: delivery is not paused
        assertThat(data.get("delivery")).isEqualTo("running");
    }

    @Test
    void theDetailsReportZohoAsConfiguredWithoutMakingTheGatewayDependOnIt() throws Exception {
        Map<String, Object> zoho = check(get("/admin/health", 200), "zoho");
        assertThat(zoho.get("status")).isEqualTo("UP");
        @SuppressWarnings("unchecked")
        Map<String, Object> data = (Map<String, Object>) zoho.get("data");
        assertThat(data).containsEntry("configured", true).containsEntry("status", "configured")
                .containsEntry("auth_mode", "oauth2_refresh").containsKeys("api_base", "last_observed_circuit_state");
    }
}
