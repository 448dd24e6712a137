package com.opulenthorizons.gateway.webhook;

import java.net.http.HttpRequest;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import com.opulenthorizons.gateway.common.WireJson;
import com.opulenthorizons.gateway.store.OutboxEvent;

/** The POST that carries one workflow event: its JSON envelope, its id headers, its signature. */
final class DeliveryRequests {

    private final DeliverySettings settings;

    DeliveryRequests(DeliverySettings settings) {
        this.settings = settings;
    }

    HttpRequest of(OutboxEvent event) {
        byte[] body = WireJson.MAPPER.writeValueAsBytes(body(event));
        HttpRequest.Builder request = HttpRequest.newBuilder(settings.url().orElseThrow())
                .timeout(settings.timeout())
                .header("Content-Type", "application/json")
                .header("X-Event-Id", event.id().toString())
                .header("X-Correlation-Id", event.correlationId() == null ? "" : event.correlationId());
        settings.signer().ifPresent(signer -> {
            // The event id is the message id: stable across retries, so receivers deduplicate on it.
            String id = event.id().toString();
            long timestamp = Instant.now().getEpochSecond();
            request.header("webhook-id", id)
                    .header("webhook-timestamp", Long.toString(timestamp))
                    .header("webhook-signature", signer.signature(id, timestamp, body));
        });
        settings.authorization().ifPresent(value -> request.header("Authorization", value));
        return request.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    }

    /** {event_type, event_id, ohid, occurred_at, source_system, correlation_id, ...event data}. */
    static Map<String, Object> body(OutboxEvent event) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("event_type", event.eventType());
        body.put("event_id", event.id().toString());
        body.put("ohid", event.ohid() == null ? null : event.ohid().toString());
        body.put("occurred_at", event.occurredAt() == null ? null : event.occurredAt().toString());
        body.put("source_system", event.sourceSystem());
        body.put("correlation_id", event.correlationId());
        if (event.payload() != null) {
            // The envelope's fields win over event data of the same name.
            event.payload().forEach(body::putIfAbsent);
        }
        return body;
    }
}
