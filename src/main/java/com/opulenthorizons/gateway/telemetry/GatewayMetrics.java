package com.opulenthorizons.gateway.telemetry;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;

/**
 * Records the gateway's metrics twice: into MicroProfile Telemetry's meter (exported over OTLP when
 * the SDK is enabled) and into this small in-process registry, which {@code GET /admin/metrics}
 * renders as Prometheus text whether or not OpenTelemetry exports anything. Counters and
 * histograms are sums kept since start-up; gauges are read when asked for.
 */
public final class GatewayMetrics {

    private static final Logger LOG = Logger.getLogger(GatewayMetrics.class.getName());
    /** Bucket bounds, in seconds, of both duration histograms. */
    static final double[] BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300};

    /** One histogram series: bucket counts (not cumulative), sum and count. */
    static final class Series {
        final LongAdder[] buckets = new LongAdder[BUCKETS.length + 1];
        final DoubleAdder sum = new DoubleAdder();
        final LongAdder count = new LongAdder();

        Series() {
            for (int i = 0; i < buckets.length; i++) {
                buckets[i] = new LongAdder();
            }
        }

        void add(double value) {
            int i = 0;
            while (i < BUCKETS.length && value > BUCKETS[i]) {
                i++;
            }
            buckets[i].increment();
            sum.add(value);
            count.increment();
        }
    }

    static final ConcurrentMap<GatewayMetric, ConcurrentMap<Attributes, LongAdder>> COUNTERS = new ConcurrentHashMap<>();
    static final ConcurrentMap<GatewayMetric, ConcurrentMap<Attributes, Series>> HISTOGRAMS = new ConcurrentHashMap<>();
    static final ConcurrentMap<GatewayMetric, Supplier<Map<Attributes, Double>>> GAUGES = new ConcurrentHashMap<>();

    private static final ConcurrentMap<GatewayMetric, LongCounter> OTEL_COUNTERS = new ConcurrentHashMap<>();
    private static final ConcurrentMap<GatewayMetric, DoubleHistogram> OTEL_HISTOGRAMS = new ConcurrentHashMap<>();
    private static volatile Meter meter = io.opentelemetry.api.OpenTelemetry.noop().getMeter(Telemetry.INSTRUMENTATION_SCOPE);

    public static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("outcome");
    public static final AttributeKey<String> STATUS = AttributeKey.stringKey("status");
    private static final AttributeKey<String> LIMIT = AttributeKey.stringKey("limit");
    private static final AttributeKey<String> SOURCE = AttributeKey.stringKey("source");
    private static final AttributeKey<String> CHANNEL = AttributeKey.stringKey("channel");
    private static final AttributeKey<Boolean> CREATED = AttributeKey.booleanKey("created");
    private static final AttributeKey<String> CIRCUIT_STATE = AttributeKey.stringKey("circuit_state");

    private GatewayMetrics() {
    }

    /** Adds one to a counter. */
    public static void count(GatewayMetric metric, Attributes attributes) {
        COUNTERS.computeIfAbsent(metric, m -> new ConcurrentHashMap<>()).computeIfAbsent(attributes, a -> new LongAdder())
                .increment();
        OTEL_COUNTERS.computeIfAbsent(metric, m -> meter.counterBuilder(m.otelName()).setDescription(m.description())
                .setUnit(m.unit()).build()).add(1, attributes);
    }

    /** Records one value (seconds, for the duration histograms). */
    public static void record(GatewayMetric metric, double value, Attributes attributes) {
        HISTOGRAMS.computeIfAbsent(metric, m -> new ConcurrentHashMap<>()).computeIfAbsent(attributes, a -> new Series())
                .add(value);
        OTEL_HISTOGRAMS.computeIfAbsent(metric, m -> meter.histogramBuilder(m.otelName()).setDescription(m.description())
                .setUnit(m.unit()).build()).record(value, attributes);
    }

    /** A request refused by the rate limit {@code limit} ({@code tool_calls}, {@code refused_credentials}, {@code source_requests}). */
    public static void rateLimited(String limit) {
        count(GatewayMetric.RATE_LIMIT_REFUSALS, Attributes.of(LIMIT, limit));
    }

    /** One lead ingest; {@code created} is false for a replay of an earlier one. */
    public static void leadIngested(String source, String channel, boolean created) {
        count(GatewayMetric.LEADS_INGESTED, Attributes.of(SOURCE, source, CHANNEL, channel, CREATED, created));
    }

    /** One Zoho call: {@code outcome} as the gateway classes it, {@code circuitState} as the call showed it. */
    public static void zohoCall(String outcome, String circuitState) {
        count(GatewayMetric.ZOHO_CALLS, Attributes.of(OUTCOME, outcome, CIRCUIT_STATE, circuitState));
    }

    public static void tokenRefresh(String outcome) {
        count(GatewayMetric.ZOHO_TOKEN_REFRESHES, Attributes.of(OUTCOME, outcome));
    }

    /** Registers the reading of a gauge: its values by attributes, read at each scrape and export. */
    public static void gauge(GatewayMetric metric, Supplier<Map<Attributes, Double>> reading) {
        if (GAUGES.put(metric, reading) == null) {
            observe(meter, metric);
        }
    }

    /** Points the OpenTelemetry side at the application's meter (once, at start-up). */
    static synchronized void connect(Meter applicationMeter) {
        meter = applicationMeter;
        OTEL_COUNTERS.clear();
        OTEL_HISTOGRAMS.clear();
        GAUGES.keySet().forEach(metric -> observe(applicationMeter, metric));
    }

    private static void observe(Meter on, GatewayMetric metric) {
        on.gaugeBuilder(metric.otelName()).setDescription(metric.description()).setUnit(metric.unit())
                .buildWithCallback(measurement -> read(metric).forEach((attributes, value) -> measurement.record(value, attributes)));
    }

    /** A gauge's values now; empty when reading it fails (the store may be down), which is logged. */
    static Map<Attributes, Double> read(GatewayMetric metric) {
        Supplier<Map<Attributes, Double>> reading = GAUGES.get(metric);
        if (reading == null) {
            return Map.of();
        }
        try {
            return reading.get();
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "gauge " + metric.otelName() + " could not be read", e);
            LOG.warning(() -> "gauge " + metric.otelName() + " could not be read: " + e.getClass().getSimpleName());
            return Map.of();
        }
    }
}
