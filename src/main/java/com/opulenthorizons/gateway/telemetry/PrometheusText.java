package com.opulenthorizons.gateway.telemetry;

import java.util.ArrayList;
import java.util.List;

import io.opentelemetry.api.common.Attributes;

/**
 * The metrics of {@link GatewayMetrics} in the Prometheus text exposition format (version 0.0.4):
 * what {@code GET /admin/metrics} answers, for a scraper that does not speak OTLP.
 */
public final class PrometheusText {

    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private PrometheusText() {
    }

    public static String render() {
        StringBuilder out = new StringBuilder(4096);
        for (GatewayMetric metric : GatewayMetric.values()) {
            switch (metric.kind()) {
                case COUNTER -> counter(out, metric);
                case HISTOGRAM -> histogram(out, metric);
                case GAUGE -> gauge(out, metric);
            }
        }
        return out.toString();
    }

    private static void header(StringBuilder out, String name, GatewayMetric metric, String type) {
        out.append("# HELP ").append(name).append(' ').append(metric.description()).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private static void counter(StringBuilder out, GatewayMetric metric) {
        String name = metric.prometheusName() + "_total";
        header(out, name, metric, "counter");
        GatewayMetrics.COUNTERS.getOrDefault(metric, new java.util.concurrent.ConcurrentHashMap<>())
                .forEach((attributes, value) -> sample(out, name, attributes, null, value.sum()));
    }

    private static void histogram(StringBuilder out, GatewayMetric metric) {
        String name = metric.prometheusName();
        header(out, name, metric, "histogram");
        GatewayMetrics.HISTOGRAMS.getOrDefault(metric, new java.util.concurrent.ConcurrentHashMap<>()).forEach((attributes, series) -> {
            long cumulative = 0;
            for (int i = 0; i < series.buckets.length; i++) {
                cumulative += series.buckets[i].sum();
                String le = i < GatewayMetrics.BUCKETS.length ? number(GatewayMetrics.BUCKETS[i]) : "+Inf";
                sample(out, name + "_bucket", attributes, le, cumulative);
            }
            sample(out, name + "_sum", attributes, null, series.sum.sum());
            sample(out, name + "_count", attributes, null, series.count.sum());
        });
    }

    private static void gauge(StringBuilder out, GatewayMetric metric) {
        String name = metric.prometheusName();
        header(out, name, metric, "gauge");
        GatewayMetrics.read(metric).forEach((attributes, value) -> sample(out, name, attributes, null, value));
    }

    private static void sample(StringBuilder out, String name, Attributes attributes, String le, double value) {
        out.append(name);
        List<String> labels = new ArrayList<>();
        attributes.forEach((key, v) -> labels.add(key.getKey().replace('.', '_') + "=\"" + escape(String.valueOf(v)) + "\""));
        if (le != null) {
            labels.add("le=\"" + le + "\"");
        }
        if (!labels.isEmpty()) {
            out.append('{').append(String.join(",", labels)).append('}');
        }
        out.append(' ').append(number(value)).append('\n');
    }

    private static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
