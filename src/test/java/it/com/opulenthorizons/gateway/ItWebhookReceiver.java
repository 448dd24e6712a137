package it.com.opulenthorizons.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;


import com.sun.net.httpserver.HttpServer;

import tools.jackson.databind.json.JsonMapper;

/**
 * The workflow webhook of the integration tests (the gateway's WORKFLOW_WEBHOOK_URL points here,
 * port {@code it.webhook.port}). It plays n8n, and misbehaves on request: events of leads whose
 * source_lead_id starts with {@code flaky-} are refused (503) three times, those starting with
 * {@code down-} always. For each accepted delivery it records the body, the raw bytes and headers
 * that a receiver verifies the signature with, and whether the event was already committed in
 * the database at that moment.
 */
public class ItWebhookReceiver extends ItStandIn {

    /**
     * One accepted delivery.
     *
     * @param rawBody the body as sent, which the signature covers
     * @param headers the request headers that matter to a receiver (names lower-case), as sent
     */
    public record Delivery(Map<String, Object> body, boolean committedWhenDelivered, byte[] rawBody,
            Map<String, String> headers) {

        public String payloadValue(String key) {
            Object v = body.get(key);
            return v == null ? null : v.toString();
        }
    }

    private static HttpServer server;
    private static final List<Delivery> DELIVERIES = new CopyOnWriteArrayList<>();
    private static final Map<String, AtomicInteger> ATTEMPTS = new ConcurrentHashMap<>();

    public ItWebhookReceiver() {
        super("it.webhook.port");
    }

    @Override
    protected void open(int port) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 50);
        } catch (IOException e) {
            throw new UncheckedIOException("the stand-in workflow webhook cannot listen on port " + port, e);
        }
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/hook", exchange -> {
            byte[] rawBody = exchange.getRequestBody().readAllBytes();
            @SuppressWarnings("unchecked")
            Map<String, Object> body = JsonMapper.shared().readValue(new String(rawBody, StandardCharsets.UTF_8), Map.class);
            String eventId = (String) body.get("event_id");
            int attempt = ATTEMPTS.computeIfAbsent(eventId, k -> new AtomicInteger()).incrementAndGet();
            String sourceLeadId = String.valueOf(body.get("source_lead_id"));
            // "replayed-": refused until FAILED (WEBHOOK_MAX_ATTEMPTS 4), accepted once replayed
            boolean refuse = sourceLeadId.startsWith("down-") || (sourceLeadId.startsWith("flaky-") && attempt <= 3)
                    || (sourceLeadId.startsWith("replayed-") && attempt <= 4);
            if (!refuse) {
                Map<String, String> headers = new HashMap<>();
                for (String name : List.of("webhook-id", "webhook-timestamp", "webhook-signature", "authorization",
                        "x-event-id", "x-correlation-id", "traceparent")) {
                    String value = exchange.getRequestHeaders().getFirst(name);
                    if (value != null) {
                        headers.put(name, value);
                    }
                }
                DELIVERIES.add(new Delivery(body, committed(eventId), rawBody, Map.copyOf(headers)));
            }
            exchange.sendResponseHeaders(refuse ? 503 : 204, -1);
            exchange.close();
        });
        server.start();
    }

    @Override
    protected void close() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** Whether another connection already sees the event: only committed rows are visible. */
    private static boolean committed(String eventId) {
        try (Connection c = ItPostgres.dataSource().getConnection();
                PreparedStatement s = c.prepareStatement("SELECT count(*) FROM workflow_event WHERE id = ?")) {
            s.setObject(1, UUID.fromString(eventId));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1) == 1;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot check event " + eventId, e);
        }
    }

    public static List<Delivery> deliveries() {
        return List.copyOf(DELIVERIES);
    }

    public static int attempts(String eventId) {
        AtomicInteger n = ATTEMPTS.get(eventId);
        return n == null ? 0 : n.get();
    }
}
