package it.com.opulenthorizons.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpServer;

import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;

/**
 * The tests' OpenTelemetry collector: an OTLP/HTTP receiver (protobuf, as Liberty's exporter sends
 * it) on {@code it.otlp.port}, which the main test server exports its spans and metrics to. It
 * keeps the spans and the names of the metrics; logs are accepted and dropped.
 */
public class ItOtlpReceiver extends ItStandIn {

    /** One exported span, its ids in hex and its attribute values as strings. */
    public record ExportedSpan(String name, String traceId, String spanId, String parentSpanId, int kind,
            Map<String, String> attributes, String service) {
    }

    private static HttpServer server;
    private static final List<ExportedSpan> SPANS = new CopyOnWriteArrayList<>();
    private static final Set<String> METRICS = ConcurrentHashMap.newKeySet();

    public ItOtlpReceiver() {
        super("it.otlp.port");
    }

    @Override
    protected void open(int port) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 50);
        } catch (IOException e) {
            throw new UncheckedIOException("the tests' OTLP receiver cannot listen on port " + port, e);
        }
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.createContext("/v1/traces", exchange -> {
            ExportTraceServiceRequest request = ExportTraceServiceRequest.parseFrom(exchange.getRequestBody().readAllBytes());
            request.getResourceSpansList().forEach(resource -> {
                String service = resource.getResource().getAttributesList().stream()
                        .filter(a -> a.getKey().equals("service.name")).map(a -> text(a.getValue())).findFirst().orElse(null);
                resource.getScopeSpansList().forEach(scope -> scope.getSpansList().forEach(span -> SPANS.add(new ExportedSpan(
                        span.getName(), hex(span.getTraceId().toByteArray()), hex(span.getSpanId().toByteArray()),
                        hex(span.getParentSpanId().toByteArray()), span.getKindValue(), attributes(span.getAttributesList()),
                        service))));
            });
            answer(exchange);
        });
        server.createContext("/v1/metrics", exchange -> {
            ExportMetricsServiceRequest request = ExportMetricsServiceRequest.parseFrom(exchange.getRequestBody().readAllBytes());
            request.getResourceMetricsList().forEach(resource -> resource.getScopeMetricsList()
                    .forEach(scope -> scope.getMetricsList().forEach(metric -> METRICS.add(metric.getName()))));
            answer(exchange);
        });
        server.createContext("/v1/logs", ItOtlpReceiver::answer);
        server.start();
    }

    private static void answer(com.sun.net.httpserver.HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
        // an empty Export*ServiceResponse: everything accepted
        exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
        exchange.sendResponseHeaders(200, -1);
        exchange.close();
    }

    private static Map<String, String> attributes(List<KeyValue> values) {
        Map<String, String> attributes = new LinkedHashMap<>();
        values.forEach(kv -> attributes.put(kv.getKey(), text(kv.getValue())));
        return attributes;
    }

    private static String text(AnyValue value) {
        return switch (value.getValueCase()) {
            case STRING_VALUE -> value.getStringValue();
            case INT_VALUE -> Long.toString(value.getIntValue());
            case BOOL_VALUE -> Boolean.toString(value.getBoolValue());
            case DOUBLE_VALUE -> Double.toString(value.getDoubleValue());
            default -> value.toString();
        };
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    protected void close() {
        if (server != null) {
            server.stop(0);
        }
    }

    public static List<ExportedSpan> spans() {
        return List.copyOf(SPANS);
    }

    /** The names of the metrics exported so far. */
    public static Set<String> metricNames() {
        return Set.copyOf(METRICS);
    }

    public static List<ExportedSpan> spansOf(String traceId) {
        return SPANS.stream().filter(s -> s.traceId().equals(traceId)).toList();
    }
}
