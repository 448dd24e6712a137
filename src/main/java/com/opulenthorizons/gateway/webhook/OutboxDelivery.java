package com.opulenthorizons.gateway.webhook;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;

import com.opulenthorizons.gateway.common.LogSafeText;
import com.opulenthorizons.gateway.store.EventOutbox;
import com.opulenthorizons.gateway.store.OutboxEvent;
import com.opulenthorizons.gateway.telemetry.ClientSpans;
import com.opulenthorizons.gateway.telemetry.GatewayMetric;
import com.opulenthorizons.gateway.telemetry.GatewayMetrics;

import io.opentelemetry.api.common.Attributes;

/**
 * Delivers pending workflow events to the workflow webhook (n8n or any HTTP receiver), at least
 * once: an event is marked DELIVERED only after a 2xx answer; a failed attempt is retried on the
 * {@link RetryPolicy}'s schedule, and after the last one the event is marked FAILED with its error.
 * Events are read from the store after their transaction committed, so nothing is sent that could
 * still roll back.
 * <p>
 * Up to {@code concurrency} requests are in flight at once, and a slot is refilled as soon as an
 * answer comes, so one slow receiver call does not hold the others. The store's claims hand out
 * only the oldest pending event of each OHID, so one person's events still arrive in order.
 * <p>
 * When the receiver has failed every attempt for {@code pauseAfter}, delivery pauses
 * ({@link DeliveryPause}): one event at a time goes as a probe, and the first accepted one resumes it.
 * <p>
 * Claims and outcomes are each a transaction, so they are batched: free slots are refilled once a
 * quarter of them is free (or a few milliseconds after the last claim), and the outcomes that come
 * within a few milliseconds of each other are recorded together.
 */
public class OutboxDelivery implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(OutboxDelivery.class.getName());

    /** One finished attempt: {@code error} is null when the webhook accepted the event. */
    private record Outcome(OutboxEvent event, String error) {
    }

    /** How long a claim or a record of outcomes may wait to take more events along. */
    private static final long BATCH_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private final EventOutbox outbox;
    private final DeliverySettings settings;
    private final DeliveryTransport transport;
    private final DeliveryRequests requests;
    private final DeliveryPause pause;
    /** Free slots worth a claim of their own. */
    private final int refill;
    /** The receiver's host and port, for the delivery spans. */
    private final String receiverHost;
    private final int receiverPort;

    public OutboxDelivery(EventOutbox outbox, DeliverySettings settings) {
        this.outbox = outbox;
        this.settings = settings;
        this.transport = settings.url().map(url -> new DeliveryTransport(url, settings.concurrency(), settings.timeout()))
                .orElse(null);
        this.requests = new DeliveryRequests(settings);
        this.refill = Math.max(1, settings.concurrency() / 4);
        this.receiverHost = settings.url().map(URI::getHost).orElse(null);
        this.receiverPort = settings.url().map(u -> u.getPort() != -1 ? u.getPort() : "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80)
                .orElse(-1);
        // Probes are spaced like the first retry: a dead receiver gets one request per that wait.
        this.pause = new DeliveryPause(settings.pauseAfter(), settings.retry().delayAfter(1), Clock.systemUTC());
    }

    /** Whether delivery is paused for a dead receiver; this replica's view. */
    public DeliveryPause pause() {
        return pause;
    }

    /**
     * Sends due events until none is due and none is in flight; returns how many were attempted.
     * A store failure ends the round: events whose outcome was not recorded are sent again once
     * their lease runs out (receivers deduplicate).
     */
    public int deliverDue() {
        if (settings.url().isEmpty()) {
            return 0;
        }
        BlockingQueue<Outcome> finished = new LinkedBlockingQueue<>();
        int attempted = 0;
        int inFlight = 0;
        long lastClaim = 0;
        while (true) {
            int free = pause.freeSlots(settings.concurrency(), inFlight);
            boolean claimNow = free > 0 && (inFlight == 0 || free >= refill || System.nanoTime() - lastClaim >= BATCH_WAIT_NANOS);
            List<OutboxEvent> claimed = claimNow ? outbox.claimDue(free, settings.lease()) : List.of();
            if (claimNow) {
                lastClaim = System.nanoTime();
            }
            claimed.forEach(event -> send(event, finished));
            inFlight += claimed.size();
            attempted += claimed.size();
            if (inFlight == 0) {
                return attempted;
            }
            List<Outcome> outcomes = new ArrayList<>();
            try {
                // Wake for the first answer, or after a poll interval to claim what became due
                // meanwhile (sooner when free slots wait for their claim).
                long wait = free > 0 && !claimNow ? BATCH_WAIT_NANOS : settings.pollInterval().toNanos();
                Outcome first = finished.poll(wait, TimeUnit.NANOSECONDS);
                if (first != null) {
                    outcomes.add(first);
                    collectMore(finished, outcomes, inFlight);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                // Not attempts: the leases run out and the events are claimed again.
                LOG.warning("workflow delivery interrupted with " + inFlight + " requests in flight; their events go again "
                        + "once their leases run out");
                return attempted;
            }
            inFlight -= outcomes.size();
            settle(outcomes);
        }
    }

    /** Adds the outcomes that come within a few milliseconds, up to a refill's worth or all in flight. */
    private void collectMore(BlockingQueue<Outcome> finished, List<Outcome> outcomes, int inFlight)
            throws InterruptedException {
        long until = System.nanoTime() + BATCH_WAIT_NANOS;
        finished.drainTo(outcomes);
        while (outcomes.size() < Math.min(refill, inFlight)) {
            Outcome next = finished.poll(until - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (next == null) {
                return;
            }
            outcomes.add(next);
            finished.drainTo(outcomes);
        }
    }

    private void send(OutboxEvent event, BlockingQueue<Outcome> finished) {
        DeliveryRequests.DeliveryRequest request = requests.of(event);
        // a CLIENT span under the trace the event was created in; the receiver gets its traceparent
        ClientSpans.Delivery span = ClientSpans.delivery(event.trace(), receiverHost, receiverPort,
                event.id().toString(), event.eventType());
        Map<String, String> headers = new LinkedHashMap<>(request.headers());
        span.addHeadersTo(headers);
        transport.post(headers, request.body()).whenComplete((status, failure) -> {
            if (failure == null) {
                span.answered(status);
            } else {
                span.failed(failure);
            }
            String error = error(status, failure);
            GatewayMetrics.count(GatewayMetric.OUTBOX_DELIVERIES, Attributes.of(GatewayMetrics.OUTCOME, error == null ? "delivered" : "failed"));
            if (error == null && event.occurredAt() != null) {
                GatewayMetrics.record(GatewayMetric.OUTBOX_DELIVERY_LAG,
                        Duration.between(event.occurredAt(), Instant.now()).toMillis() / 1000.0, Attributes.empty());
            }
            finished.add(new Outcome(event, error));
        });
    }

    private String error(Integer status, Throwable failure) {
        if (failure == null) {
            return status / 100 == 2 ? null : "HTTP " + status;
        }
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof TimeoutException) {
            return "no complete answer within " + settings.timeout().toMillis() + " ms (WEBHOOK_TIMEOUT_MS)";
        }
        // An exception may have no message of its own: a cause may say more.
        Throwable root = LogSafeText.rootCause(cause);
        String detail = LogSafeText.chain(cause).stream().map(Throwable::getMessage).filter(m -> m != null).findFirst()
                .map(LogSafeText::masked).orElse(root == cause ? null : root.getClass().getSimpleName());
        return cause.getClass().getSimpleName() + (detail == null ? "" : ": " + detail);
    }

    /** Records the outcomes: the accepted ones of each claim in one update, each failure on its own. */
    private void settle(List<Outcome> outcomes) {
        Map<UUID, List<UUID>> deliveredByClaim = new LinkedHashMap<>();
        Map<UUID, OutboxEvent> byId = new LinkedHashMap<>();
        for (Outcome outcome : outcomes) {
            if (outcome.error() == null) {
                if (pause.accepted()) {
                    int hurried = outbox.hurryRetries();
                    LOG.info(() -> "workflow delivery: " + hurried + " events waiting for a later retry are due now");
                }
                byId.put(outcome.event().id(), outcome.event());
                deliveredByClaim.computeIfAbsent(outcome.event().leaseToken(), t -> new ArrayList<>()).add(outcome.event().id());
            } else {
                pause.failed(outcome.error());
                failed(outcome.event(), outcome.error());
            }
        }
        deliveredByClaim.forEach((leaseToken, ids) -> {
            Set<UUID> recorded = outbox.markDelivered(leaseToken, ids);
            ids.stream().filter(id -> !recorded.contains(id)).forEach(id -> leaseLost(byId.get(id), "delivered"));
        });
    }

    private void failed(OutboxEvent event, String error) {
        int attempt = event.attempts() + 1;
        // A replayed event's window runs from its replay, not from when it occurred.
        Instant retryFrom = event.retryFrom() == null ? Instant.now() : event.retryFrom();
        Optional<Instant> next = settings.retry().nextAttempt(attempt, retryFrom, Instant.now(),
                ThreadLocalRandom.current().nextDouble());
        if (next.isEmpty()) {
            if (!outbox.markFailed(event.id(), event.leaseToken(), attempt, error)) {
                leaseLost(event, "failed for good (" + error + ")");
                return;
            }
            LOG.severe("correlation_id=" + event.correlationId() + " workflow event " + event.id() + " (" + event.eventType()
                    + ") FAILED after " + attempt + " attempts over " + Duration.between(retryFrom, Instant.now())
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

    /** Stops the senders; requests in flight are abandoned, and their events go again once their leases run out. */
    @Override
    public void close() {
        if (transport != null) {
            transport.close();
        }
    }
}
