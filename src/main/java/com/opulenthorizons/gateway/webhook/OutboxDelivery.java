package com.opulenthorizons.gateway.webhook;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;

import com.opulenthorizons.gateway.common.WireJson;
import com.opulenthorizons.gateway.store.EventOutbox;
import com.opulenthorizons.gateway.store.OutboxEvent;

/**
 * Delivers pending workflow events to the workflow webhook (n8n or any HTTP receiver), at least
 * once: an event is marked DELIVERED only after a 2xx answer; a failed attempt is retried on the
 * {@link RetryPolicy}'s schedule, and after the last one the event is marked FAILED with its error. Events
 * are read from the store after their transaction committed, so nothing is sent that could
 * still roll back.
 */
public class OutboxDelivery {

    private static final Logger LOG = Logger.getLogger(OutboxDelivery.class.getName());

    private final EventOutbox outbox;
    private final DeliverySettings settings;
    private final HttpClient http;

    public OutboxDelivery(EventOutbox outbox, DeliverySettings settings, HttpClient http) {
        this.outbox = outbox;
        this.settings = settings;
        this.http = http;
    }

    /** Claims due events and attempts each once; returns how many were attempted. */
    public int deliverDue() {
        if (settings.url().isEmpty()) {
            return 0;
        }
        int attempted = 0;
        List<OutboxEvent> batch;
        do {
            batch = outbox.claimDue(settings.batchSize(), settings.lease());
            for (OutboxEvent event : batch) {
                attempt(event);
                attempted++;
            }
        } while (batch.size() == settings.batchSize());
        return attempted;
    }

    private void attempt(OutboxEvent event) {
        int attempt = event.attempts() + 1;
        String error;
        CompletableFuture<HttpResponse<Void>> exchange = http.sendAsync(request(event), HttpResponse.BodyHandlers.discarding());
        try {
            // The request's own timeout stops at the response headers (Java 17): a receiver that
            // dribbles its body would hold the delivery. This bound covers the whole exchange.
            HttpResponse<Void> response = exchange.get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
            if (response.statusCode() / 100 == 2) {
                if (!outbox.markDelivered(event.id(), event.leaseToken(), attempt)) {
                    leaseLost(event, "delivered");
                }
                return;
            }
            error = "HTTP " + response.statusCode();
        } catch (TimeoutException e) {
            exchange.cancel(true);
            error = "no complete answer within " + settings.timeout().toMillis() + " ms (WEBHOOK_TIMEOUT_MS)";
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            while (cause instanceof CompletionException && cause.getCause() != null) {
                cause = cause.getCause();
            }
            error = cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
        } catch (InterruptedException e) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            // Not an attempt: the lease runs out and the event is claimed again.
            LOG.warning("correlation_id=" + event.correlationId() + " delivery of event " + event.id() + " interrupted");
            return;
        }
        Instant occurredAt = event.occurredAt() == null ? Instant.now() : event.occurredAt();
        Optional<Instant> next = settings.retry().nextAttempt(attempt, occurredAt, Instant.now(),
                ThreadLocalRandom.current().nextDouble());
        if (next.isEmpty()) {
            if (!outbox.markFailed(event.id(), event.leaseToken(), attempt, error)) {
                leaseLost(event, "failed for good (" + error + ")");
                return;
            }
            LOG.severe("correlation_id=" + event.correlationId() + " workflow event " + event.id() + " (" + event.eventType()
                    + ") FAILED after " + attempt + " attempts over " + Duration.between(occurredAt, Instant.now())
                    + "; last error: " + error);
        } else {
            if (!outbox.markRetry(event.id(), event.leaseToken(), attempt, next.get(), error)) {
                leaseLost(event, "failed (" + error + ")");
                return;
            }
            LOG.warning("correlation_id=" + event.correlationId() + " workflow event " + event.id() + " attempt " + attempt
                    + " failed (" + error + "); retrying at " + next.get());
        }
    }

    /**
     * The attempt outlasted its lease, and the event was claimed again (or settled) by another
     * sender: this outcome is not recorded, the current holder's is. Receivers deduplicate.
     */
    private static void leaseLost(OutboxEvent event, String outcome) {
        LOG.warning("correlation_id=" + event.correlationId() + " workflow event " + event.id() + " was " + outcome
                + " after its lease passed to another sender; that sender's outcome stands, this one is not recorded");
    }

    private HttpRequest request(OutboxEvent event) {
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
