package com.opulenthorizons.gateway.lead;

import static com.opulenthorizons.gateway.common.WireJson.putIfPresent;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.opulenthorizons.gateway.common.Correlation;
import com.opulenthorizons.gateway.common.Origin;
import com.opulenthorizons.gateway.telemetry.GatewayMetrics;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Ingests leads and answers identity lookups. Knows nothing of MCP. */
@ApplicationScoped
public class LeadIngestService {

    private LeadRepository store;
    private ContactNormalizer normalizer;
    private OhidResolver resolver;
    private BlockedIdentifiers blocked;
    private RawPayloadLimit rawPayloadLimit;

    protected LeadIngestService() {
        // for CDI proxies
    }

    @Inject
    public LeadIngestService(LeadRepository store, ContactNormalizer normalizer, BlockedIdentifiers blocked,
            OhidResolver resolver, @ConfigProperty(name = "RAW_PAYLOAD_MAX_BYTES") int rawPayloadMaxBytes) {
        this.store = store;
        this.normalizer = normalizer;
        this.blocked = blocked;
        this.resolver = resolver;
        this.rawPayloadLimit = new RawPayloadLimit(rawPayloadMaxBytes);
    }

    /** With the default {@link RawPayloadLimit}. */
    public LeadIngestService(LeadRepository store, ContactNormalizer normalizer, BlockedIdentifiers blocked,
            OhidResolver resolver) {
        this(store, normalizer, blocked, resolver, RawPayloadLimit.DEFAULT.maxBytes());
    }

    /**
     * Stores the lead under the OHID of the person it belongs to. Replaying the same
     * (source_system, source_lead_id) answers with the first ingest's ids and stores nothing.
     */
    public LeadIngestResult ingest(LeadIngestRequest request) {
        rawPayloadLimit.check(request.rawPayload());
        ContactKeys keys = normalizer.keys(request.email(), request.phone());
        UUID ingestId = UUID.randomUUID();
        NewLead lead = new NewLead(ingestId, request.sourceSystem(), request.sourceLeadId(), request.channel(),
                blocked.identityKeys(keys), payload(request, keys), consent(request), eventPayload(request, ingestId),
                Correlation.current().orElseGet(Correlation::newId));
        IngestOutcome outcome = store.ingest(lead);
        GatewayMetrics.leadIngested(request.sourceSystem().name(), request.channel().name(), outcome.created());
        return LeadIngestResult.ingested(outcome.ohid(), outcome.ingestId(), request.sourceSystem());
    }

    public OhidLookupResult lookup(OhidLookupRequest request) {
        ContactKeys keys = blocked.identityKeys(normalizer.keys(request.email(), request.phone()));
        return OhidLookupResult.of(resolver.find(keys, store.lookup()).orElse(null));
    }

    /**
     * The whole request, with the contact details in their normalised form under {@code person}. A
     * blocked value is kept as {@code blocked_email} or {@code blocked_phone}, out of the identity
     * indexes (which read {@code email} and {@code phone}), so that it joins no one.
     */
    private Map<String, Object> payload(LeadIngestRequest r, ContactKeys keys) {
        Map<String, Object> person = new LinkedHashMap<>();
        person.put("first_name", r.firstName());
        person.put("last_name", r.lastName());
        putIfPresent(person, blocked.isBlockedEmail(keys.email()) ? "blocked_email" : "email", keys.email());
        putIfPresent(person, blocked.isBlockedPhone(keys.phone()) ? "blocked_phone" : "phone", keys.phone());

        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("source_system", r.sourceSystem().name());
        payload.put("source_lead_id", r.sourceLeadId());
        payload.put("channel", r.channel().name());
        payload.put("person", person);
        putIfPresent(payload, "budget_range", r.budgetRange());
        putIfPresent(payload, "location", r.location());
        putIfPresent(payload, "property_type", r.propertyType());
        putIfPresent(payload, "free_text", r.freeText());
        putIfPresent(payload, "raw_payload", r.rawPayload());
        Origin.addTo(payload);
        return payload;
    }

    private static Map<String, Object> consent(LeadIngestRequest r) {
        Map<String, Object> consent = new LinkedHashMap<>();
        consent.put("marketing_consent", r.marketingConsent());
        putIfPresent(consent, "consent_source", r.consentSource());
        return consent;
    }

    private static Map<String, Object> eventPayload(LeadIngestRequest r, UUID ingestId) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("ingest_id", ingestId.toString());
        event.put("source_system", r.sourceSystem().name());
        event.put("source_lead_id", r.sourceLeadId());
        event.put("channel", r.channel().name());
        // the consent this lead gave: a new person's first entry, which sends no ConsentChanged of its own
        event.put("marketing_consent", r.marketingConsent());
        putIfPresent(event, "consent_source", r.consentSource());
        Origin.addTo(event);
        return event;
    }
}
