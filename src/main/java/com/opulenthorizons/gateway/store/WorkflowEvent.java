package com.opulenthorizons.gateway.store;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

import org.eclipse.persistence.annotations.Mutable;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A row of {@code workflow_event}: something that happened, for the workflow webhook. */
@Entity
@Table(name = "workflow_event")
public class WorkflowEvent {

    @Id
    private UUID id;

    /** Null when no person is known. */
    @Convert(converter = NullableUuidConverter.class)
    private UUID ohid;

    @Column(name = "event_type", length = 100)
    private String eventType;

    @Mutable
    @Convert(converter = JsonbConverter.class)
    @Column(columnDefinition = "jsonb")
    private Map<String, Object> payload;

    /** Set by the database (DEFAULT now()). */
    @Column(name = "occurred_at", insertable = false, updatable = false)
    private OffsetDateTime occurredAt;

    @Column(name = "source_system", length = 50)
    private String sourceSystem;

    @Column(name = "correlation_id", length = 64)
    private String correlationId;

    /** The trace the event was created in (sql/V20), continued by its delivery. */
    @Column(name = "trace_parent", length = 64)
    private String traceParent;

    @Column(name = "trace_state", length = 512)
    private String traceState;

    @Column(name = "dedup_key", length = 400)
    private String dedupKey;

    @Column(name = "delivery_status", length = 20)
    private String deliveryStatus = DeliveryStatus.PENDING.name();

    @Column(name = "delivery_attempts")
    private int deliveryAttempts;

    @Column(name = "last_error", length = 1000)
    private String lastError;

    protected WorkflowEvent() {
        // for JPA
    }

    StoredEvent toStoredEvent() {
        return new StoredEvent(id, ohid, eventType, payload, occurredAt == null ? null : occurredAt.toInstant(), sourceSystem,
                correlationId, DeliveryStatus.valueOf(deliveryStatus), deliveryAttempts, lastError);
    }
}
