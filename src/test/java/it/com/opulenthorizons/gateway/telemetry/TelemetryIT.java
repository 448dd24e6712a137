package it.com.opulenthorizons.gateway.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import org.awaitility.Awaitility;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.opulenthorizons.gateway.testing.ValidLead;
import com.opulenthorizons.gateway.zoho.FakeZoho;

import it.com.opulenthorizons.gateway.GatewayUnderTest;
import it.com.opulenthorizons.gateway.ItOtlpReceiver;
import it.com.opulenthorizons.gateway.ItOtlpReceiver.ExportedSpan;
import it.com.opulenthorizons.gateway.ItWebhookReceiver;
import it.com.opulenthorizons.gateway.ItZoho;
import tools.jackson.databind.json.JsonMapper;

/**
 * OpenTelemetry on the main test server (otel.* bootstrap properties in pom.xml), exporting to the
 * tests' collector: the MCP semantic conventions on a tool call's span, the trace an agent sends
 * continued through the database call and on to the workflow webhook, and tool errors marked.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class TelemetryIT {

    private static final String SPAN_KIND_SERVER = "2";
    private static final String SPAN_KIND_CLIENT = "3";

    @BeforeAll
    static void ready() {
        GatewayUnderTest.awaitReady();
    }

    private static String randomHex(int bytes) {
        byte[] id = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(id);
        id[0] |= 1; // never all zeros
        return HexFormat.of().formatHex(id);
    }

    private static HttpResponse<String> callTool(String id, Map<String, Object> params, String... headers) throws Exception {
        String body = JsonMapper.shared().writeValueAsString(Map.of("jsonrpc", "2.0", "id", id, "method", "tools/call",
                "params", params));
        String[] all = new String[headers.length + 6];
        System.arraycopy(new String[] {"Authorization", "Bearer " + GatewayUnderTest.API_KEY,
                "Accept", "application/json, text/event-stream", "MCP-Protocol-Version", "2025-11-25"}, 0, all, 0, 6);
        System.arraycopy(headers, 0, all, 6, headers.length);
        return GatewayUnderTest.post("/mcp/lead-ingest", body, all);
    }

    private static ExportedSpan awaitSpan(String traceId, String name) {
        return Awaitility.await(name + " span in trace " + traceId).atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> ItOtlpReceiver.spansOf(traceId).stream().filter(s -> s.name().equals(name)).findFirst(),
                        Optional::isPresent).orElseThrow();
    }

    @Test
    void aToolCallIsASpanThatContinuesTheAgentsTraceDownToTheWebhook() throws Exception {
        String traceId = randomHex(16);
        String agentSpan = randomHex(8);
        String lead = GatewayUnderTest.unique("traced");
        String email = lead + "@example.com";
        Map<String, Object> arguments = ValidLead.web(lead).email(email).arguments();
        HttpResponse<String> answer = callTool("trace-1", Map.of("name", "ingest_lead", "arguments", arguments,
                "_meta", Map.of("traceparent", "00-" + traceId + "-" + agentSpan + "-01", "tracestate", "agent=1")));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.body()).contains("\"isError\":false");

        // params._meta wins over the HTTP request's own trace, as the MCP semantic conventions say
        ExportedSpan call = awaitSpan(traceId, "tools/call ingest_lead");
        assertThat(call.parentSpanId()).isEqualTo(agentSpan);
        assertThat(call.kind()).isEqualTo(Integer.parseInt(SPAN_KIND_SERVER));
        assertThat(call.attributes()).containsEntry("mcp.method.name", "tools/call")
                .containsEntry("gen_ai.tool.name", "ingest_lead")
                .containsEntry("gen_ai.operation.name", "execute_tool")
                .containsEntry("jsonrpc.request.id", "trace-1")
                .containsEntry("mcp.protocol.version", "2025-11-25")
                .doesNotContainKey("error.type");
        assertThat(call.service()).isEqualTo("mcp-gateway-it");

        ExportedSpan database = awaitSpan(traceId, "SELECT gateway_ingest_lead_and_consent");
        assertThat(database.parentSpanId()).as("%s", ItOtlpReceiver.spansOf(traceId)).isEqualTo(call.spanId());
        assertThat(database.kind()).isEqualTo(Integer.parseInt(SPAN_KIND_CLIENT));
        assertThat(database.attributes()).containsEntry("db.system.name", "postgresql");

        // the outbox delivers later, on another thread: the event kept the trace, and n8n gets it
        ItWebhookReceiver.Delivery delivered = Awaitility.await("delivery of " + lead).atMost(Duration.ofSeconds(20))
                .until(() -> ItWebhookReceiver.deliveries().stream().filter(d -> lead.equals(d.payloadValue("source_lead_id")))
                        .findFirst(), Optional::isPresent).orElseThrow();
        String traceparent = delivered.headers().get("traceparent");
        assertThat(traceparent).startsWith("00-" + traceId + "-").endsWith("-01");
        ExportedSpan delivery = awaitSpan(traceId, "POST");
        assertThat(traceparent).contains("-" + delivery.spanId() + "-");
        assertThat(delivery.parentSpanId()).isEqualTo(call.spanId());
        assertThat(delivery.attributes()).containsEntry("http.response.status_code", "204");

        // the audit line leads to the span
        Path log = Path.of(System.getProperty("it.wlp.home"), "usr", "servers", System.getProperty("it.server.name"), "logs",
                "messages.log");
        Awaitility.await("audit line with the trace id").atMost(Duration.ofSeconds(10)).until(() -> Files.readAllLines(log).stream()
                .anyMatch(line -> line.contains("\"event\":\"tool.end\"") && line.contains("\"trace_id\":\"" + traceId + "\"")
                        && line.contains("\"span_id\":\"" + call.spanId() + "\"")));

        // protocol facts only: no contact details or arguments on any span of the trace
        List<ExportedSpan> all = ItOtlpReceiver.spansOf(traceId);
        all.forEach(span -> assertThat(span.attributes().values()).as(span.name())
                .noneMatch(v -> v.contains(email) || v.contains(lead) || v.contains(GatewayUnderTest.API_KEY)));
    }

    @Test
    void theZohoCallIsAChildSpanAndCarriesTheTraceToZoho() throws Exception {
        String id = String.valueOf(7_000_000_000L + ThreadLocalRandom.current().nextLong(1_000_000_000L));
        FakeZoho zoho = ItZoho.zoho();
        zoho.grantsTokens(3600);
        zoho.hasLead(FakeZoho.lead(id, "Trace", "Zoho", "trace.zoho@example.com", "+14155550100"));
        // the first Zoho call of a fresh server loads the REST client and may outlast the tests' 1.5 s timeout
        String traceId = Awaitility.await("a Zoho call that succeeds").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500)).until(() -> {
                    String trace = randomHex(16);
                    String body = JsonMapper.shared().writeValueAsString(Map.of("jsonrpc", "2.0", "id", "zoho-1",
                            "method", "tools/call", "params", Map.of("name", "get_zoho_lead", "arguments", Map.of("lead_id", id),
                                    "_meta", Map.of("traceparent", "00-" + trace + "-" + randomHex(8) + "-01"))));
                    HttpResponse<String> answer = GatewayUnderTest.post("/mcp/zoho-sync", body, "Authorization",
                            "Bearer " + GatewayUnderTest.API_KEY, "Accept", "application/json, text/event-stream",
                            "MCP-Protocol-Version", "2025-11-25");
                    return answer.statusCode() == 200 && answer.body().contains("\"isError\":false") ? trace : null;
                }, t -> t != null);

        ExportedSpan call = awaitSpan(traceId, "tools/call get_zoho_lead");
        Awaitility.await("a CLIENT span for the Zoho call").atMost(Duration.ofSeconds(20)).until(() -> ItOtlpReceiver.spansOf(traceId)
                .stream().anyMatch(s -> s.kind() == Integer.parseInt(SPAN_KIND_CLIENT) && s.parentSpanId().equals(call.spanId())));
        var requests = zoho.server().findAll(FakeZoho.getLeadRequest(id));
        assertThat(requests).anySatisfy(r -> assertThat(r.getHeader("traceparent")).startsWith("00-" + traceId + "-"));
    }

    @Test
    void theStoreWorkOfReadToolsIsAChildSpanOfTheirCall() throws Exception {
        String traceId = randomHex(16);
        String traceparent = "00-" + traceId + "-" + randomHex(8) + "-01";
        assertThat(callTool("trace-db-1", Map.of("name", "lookup_ohid", "arguments", Map.of("email", "nobody-traced@example.com")),
                "traceparent", traceparent).statusCode()).isEqualTo(200);
        assertThat(callTool("trace-db-2", Map.of("name", "list_events", "arguments", Map.of("limit", 1)),
                "traceparent", traceparent).statusCode()).isEqualTo(200);

        ExportedSpan lookup = awaitSpan(traceId, "tools/call lookup_ohid");
        ExportedSpan select = awaitSpan(traceId, "SELECT lead_context");
        assertThat(select.parentSpanId()).isEqualTo(lookup.spanId());
        assertThat(select.attributes()).containsEntry("db.system.name", "postgresql")
                .doesNotContainValue("nobody-traced@example.com");
        ExportedSpan list = awaitSpan(traceId, "tools/call list_events");
        assertThat(ItOtlpReceiver.spansOf(traceId)).anySatisfy(span -> {
            assertThat(span.parentSpanId()).isEqualTo(list.spanId());
            assertThat(span.attributes()).containsEntry("db.system.name", "postgresql");
        });
    }

    @Test
    void aToolErrorIsMarkedAndTheHttpTraceparentIsContinued() throws Exception {
        String traceId = randomHex(16);
        String parent = randomHex(8);
        // no source_lead_id: a validation failure, answered as a tool result with isError
        HttpResponse<String> answer = callTool("trace-2", Map.of("name", "ingest_lead", "arguments",
                Map.of("source_system", "WEB", "channel", "WEB_FORM")), "traceparent", "00-" + traceId + "-" + parent + "-01");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.body()).contains("\"isError\":true");

        ExportedSpan call = awaitSpan(traceId, "tools/call ingest_lead");
        // under the runtime's HTTP server span, which continued the header's trace
        ExportedSpan http = awaitSpan(traceId, "POST /mcp/lead-ingest");
        assertThat(call.parentSpanId()).isEqualTo(http.spanId());
        assertThat(http.parentSpanId()).isEqualTo(parent);
        assertThat(call.attributes()).containsEntry("error.type", "tool_error").containsEntry("jsonrpc.request.id", "trace-2");
    }

    @Test
    void metricsAreScrapedWithTheAdminScopeAndExportedOverOtlp() throws Exception {
        callTool("metrics-1", Map.of("name", "lookup_ohid", "arguments", Map.of("email", "nobody@example.com")));
        var http = java.net.http.HttpClient.newHttpClient();
        var request = java.net.http.HttpRequest.newBuilder(GatewayUnderTest.uri("/admin/metrics")).header("X-Forwarded-For", "203.0.113.9");
        assertThat(http.send(request.build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
        HttpResponse<String> metrics = http.send(request.header("Authorization", "Bearer " + GatewayUnderTest.API_KEY).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
        assertThat(metrics.body()).contains("# TYPE mcp_server_operation_duration_seconds histogram")
                .containsPattern("mcp_server_operation_duration_seconds_count\\{gen_ai_tool_name=\"lookup_ohid\","
                        + "mcp_method_name=\"tools/call\",outcome=\"ok\"} [1-9]")
                .containsPattern("gateway_outbox_events\\{status=\"pending\"} \\d+")
                .contains("gateway_outbox_paused 0");
        // and the same instruments over OTLP (exported every 5 s on the test server)
        Awaitility.await("metrics exported over OTLP").atMost(Duration.ofSeconds(30))
                .until(() -> ItOtlpReceiver.metricNames().containsAll(List.of("mcp.server.operation.duration", "gateway.outbox.events",
                        // Liberty's own, which server.xml's monitor filter keeps while it turns the other monitors off
                        "http.server.request.duration")));
    }
}
