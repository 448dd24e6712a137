package com.opulenthorizons.gateway.store;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** A store whose outbox part is a separate object ({@link PostgresOutbox}, {@link InMemoryOutbox}) that it hands the work to. */
interface OutboxDelegation extends EventOutbox {

    EventOutbox outbox();

    @Override
    default List<OutboxEvent> claimDue(int max, Duration lease) {
        return outbox().claimDue(max, lease);
    }

    @Override
    default Set<UUID> markDelivered(UUID leaseToken, Collection<UUID> eventIds) {
        return outbox().markDelivered(leaseToken, eventIds);
    }

    @Override
    default boolean markRetry(UUID eventId, UUID leaseToken, int attempts, Instant nextAttempt, String error) {
        return outbox().markRetry(eventId, leaseToken, attempts, nextAttempt, error);
    }

    @Override
    default int hurryRetries() {
        return outbox().hurryRetries();
    }

    @Override
    default boolean markFailed(UUID eventId, UUID leaseToken, int attempts, String error) {
        return outbox().markFailed(eventId, leaseToken, attempts, error);
    }

    @Override
    default DeliveryCounts deliveryCounts() {
        return outbox().deliveryCounts();
    }

    @Override
    default DeliveryBacklog deliveryBacklog() {
        return outbox().deliveryBacklog();
    }
}
