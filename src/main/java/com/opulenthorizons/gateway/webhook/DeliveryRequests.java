package com.opulenthorizons.gateway.webhook;

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

    /** The POST of one event: its headers, by name, and its body. */
    record DeliveryRequest(Map<String, String> headers, byte[] body) {
    }

    DeliveryRequest of(OutboxEvent event) {
        byte[] body = WireJson.MAPPER.writeValueAsBytes(body(event));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("X-Event-Id", event.id().toString());
        headers.put("X-Correlation-Id", event.correlationId() == null ? "" : event.correlationId());
        settings.signer().ifPresent(signer -> {
            // The event id is the message id: stable across retries, so receivers deduplicate on it.
            String id = event.id().toString();
            long timestamp = Instant.now().getEpochSecond();
            headers.put("webhook-id", id);
            headers.put("webhook-timestamp", Long.toString(timestamp));
            headers.put("webhook-signature", signer.signature(id, timestamp, body));
        });
        settings.authorization().ifPresent(value -> headers.put("Authorization", value));
        return new DeliveryRequest(headers, body);
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
