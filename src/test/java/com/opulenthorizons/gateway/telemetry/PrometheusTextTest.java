package com.opulenthorizons.gateway.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;

/** The registry behind {@code GET /admin/metrics}, with the OpenTelemetry SDK off (as in a unit test). */
class PrometheusTextTest {

    @Test
    void countersAreTotalsWithTheirAttributesAsLabels() {
        GatewayMetrics.rateLimited("prometheus-test \"quoted\"");
        GatewayMetrics.rateLimited("prometheus-test \"quoted\"");
        assertThat(PrometheusText.render())
                .contains("# TYPE gateway_rate_limit_refusals_total counter\n")
                .contains("gateway_rate_limit_refusals_total{limit=\"prometheus-test \\\"quoted\\\"\"} 2\n");
    }

    @Test
    void histogramsHaveCumulativeBucketsInSeconds() {
        Attributes tool = Attributes.of(AttributeKey.stringKey("gen_ai.tool.name"), "histogram_test");
        GatewayMetrics.record(GatewayMetric.MCP_OPERATION_DURATION, 0.02, tool);
        GatewayMetrics.record(GatewayMetric.MCP_OPERATION_DURATION, 3.0, tool);
        String text = PrometheusText.render();
        assertThat(text).contains("# TYPE mcp_server_operation_duration_seconds histogram\n")
                .contains("mcp_server_operation_duration_seconds_bucket{gen_ai_tool_name=\"histogram_test\",le=\"0.01\"} 0\n")
                .contains("mcp_server_operation_duration_seconds_bucket{gen_ai_tool_name=\"histogram_test\",le=\"0.025\"} 1\n")
                .contains("mcp_server_operation_duration_seconds_bucket{gen_ai_tool_name=\"histogram_test\",le=\"5\"} 2\n")
                .contains("mcp_server_operation_duration_seconds_bucket{gen_ai_tool_name=\"histogram_test\",le=\"+Inf\"} 2\n")
                .contains("mcp_server_operation_duration_seconds_sum{gen_ai_tool_name=\"histogram_test\"} 3.02\n")
                .contains("mcp_server_operation_duration_seconds_count{gen_ai_tool_name=\"histogram_test\"} 2\n");
    }

    @Test
    void gaugesAreReadWhenRenderedAndAFailingReadingIsLeftOut() {
        double[] pending = {3};
        GatewayMetrics.gauge(GatewayMetric.OUTBOX_EVENTS,
                () -> Map.of(Attributes.of(GatewayMetrics.STATUS, "pending"), pending[0]));
        assertThat(PrometheusText.render()).contains("gateway_outbox_events{status=\"pending\"} 3\n");
        pending[0] = 5;
        assertThat(PrometheusText.render()).contains("gateway_outbox_events{status=\"pending\"} 5\n");
        GatewayMetrics.gauge(GatewayMetric.OUTBOX_EVENTS, () -> {
            throw new IllegalStateException("store down");
        });
        assertThat(PrometheusText.render()).contains("# TYPE gateway_outbox_events gauge\n").doesNotContain("gateway_outbox_events{");
    }
}
