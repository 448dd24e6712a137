package com.opulenthorizons.gateway.store;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

import org.eclipse.persistence.annotations.Mutable;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/** A row of {@code lead_context}: one lead as one source delivered it. */
@Entity
@Table(name = "lead_context")
@NamedQuery(name = LeadContext.BY_SOURCE,
        query = "SELECT l FROM LeadContext l WHERE l.sourceSystem = :sourceSystem AND l.sourceLeadId = :sourceLeadId")
public class LeadContext {

    static final String BY_SOURCE = "LeadContext.bySource";

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

    LeadContext(NewLead lead, UUID ohid) {
        this.id = lead.ingestId();
        this.ohid = ohid;
        this.sourceSystem = lead.sourceSystem().name();
        this.sourceLeadId = lead.sourceLeadId();
        this.channel = lead.channel().name();
        this.payload = lead.payload();
        this.consent = lead.consent();
    }

    UUID id() {
        return id;
    }

    UUID ohid() {
        return ohid;
    }

    StoredLead toStoredLead() {
        return new StoredLead(id, ohid, sourceSystem, sourceLeadId, channel, payload, consent,
                createdAt == null ? null : createdAt.toInstant());
    }
}
