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

/**
 * A row of {@code lead_context}: one lead as one source delivered it. Leads are written by
 * {@link PostgresLeadStore#ingest} in plain JDBC (the hot path), through the ingest function that
 * also fills {@code search_text} (sql/V22) and {@code called_back} (sql/V23); this entity only reads
 * them. A lead written through it would have neither, so text searches and has_call_after_lead
 * would not find it.
 */
@Entity
@Table(name = "lead_context")
public class LeadContext {

    @Id
    private UUID id;

    @Column(nullable = false)
    private UUID ohid;

    @Column(name = "source_system", length = 50)
    private String sourceSystem;

    @Column(name = "source_lead_id", length = 255)
    private String sourceLeadId;

    @Column(length = 50)
    private String channel;

    @Mutable
    @Convert(converter = JsonbConverter.class)
    @Column(columnDefinition = "jsonb")
    private Map<String, Object> payload;

    @Mutable
    @Convert(converter = JsonbConverter.class)
    @Column(columnDefinition = "jsonb")
    private Map<String, Object> consent;

    /** Set by the database (DEFAULT now()). */
    @Column(name = "created_at", insertable = false, updatable = false)
    private OffsetDateTime createdAt;

    protected LeadContext() {
        // for JPA
    }

    StoredLead toStoredLead() {
        return new StoredLead(id, ohid, sourceSystem, sourceLeadId, channel, payload, consent,
                createdAt == null ? null : createdAt.toInstant());
    }
}
