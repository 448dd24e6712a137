package com.opulenthorizons.gateway.person;

import java.util.Map;
import java.util.UUID;

import com.opulenthorizons.gateway.common.Description;
import com.opulenthorizons.gateway.store.StoredLead;

/** One lead as get_person and search_leads show it. */
public record LeadView(
        @Description("The lead's ingest id") UUID ingestId,
        @Description("The person's OHID") UUID ohid,
        @Description("System the lead came from") String sourceSystem,
        @Description("The lead's id in the source system") String sourceLeadId,
        @Description("How the lead reached us") String channel,
        @Description("Given and family name") String name,
        @Description("Email, normalised") String email,
        @Description("Phone, E.164") String phone,
        @Description("Budget, as the source stated it") String budgetRange,
        @Description("Wanted location") String location,
        @Description("Wanted property type") String propertyType,
        @Description("The person's own words") String freeText,
        @Description("Whether the lead agreed to marketing") Boolean marketingConsent,
        @Description("When the lead was stored, ISO-8601") String createdAt) {

    static LeadView of(StoredLead lead) {
        Map<String, Object> p = lead.payload() == null ? Map.of() : lead.payload();
        Map<?, ?> person = p.get("person") instanceof Map<?, ?> m ? m : Map.of();
        Object consent = lead.consent() == null ? null : lead.consent().get("marketing_consent");
        return new LeadView(lead.id(), lead.ohid(), lead.sourceSystem(), lead.sourceLeadId(), lead.channel(),
                name(person), text(person, "email", "blocked_email"), text(person, "phone", "blocked_phone"),
                text(p, "budget_range"), text(p, "location"), text(p, "property_type"), text(p, "free_text"),
                consent instanceof Boolean b ? b : null, lead.createdAt().toString());
    }

    static String name(Map<?, ?> person) {
        String name = ((person.get("first_name") == null ? "" : person.get("first_name")) + " "
                + (person.get("last_name") == null ? "" : person.get("last_name"))).trim();
        return name.isEmpty() ? null : name;
    }

    /** The first of {@code keys} that holds text. */
    static String text(Map<?, ?> map, String... keys) {
        for (String key : keys) {
            if (map.get(key) instanceof String s) {
                return s;
            }
        }
        return null;
    }
}
