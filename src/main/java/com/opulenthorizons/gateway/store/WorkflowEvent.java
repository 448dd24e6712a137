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

    protected WorkflowEvent() {
        // for JPA
    }

    WorkflowEvent(NewWorkflowEvent event) {
        this.id = event.id();
        this.ohid = event.ohid();
        this.eventType = event.eventType();
        this.payload = event.payload();
        this.sourceSystem = event.sourceSystem();
    }

    StoredEvent toStoredEvent() {
        return new StoredEvent(id, ohid, eventType, payload, occurredAt == null ? null : occurredAt.toInstant(), sourceSystem);
    }
}
