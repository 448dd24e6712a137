package com.opulenthorizons.gateway.zoho;

import static com.opulenthorizons.gateway.common.WireJson.putIfPresent;

import java.util.LinkedHashMap;
import java.util.Map;

import com.opulenthorizons.gateway.lead.Channel;
import com.opulenthorizons.gateway.lead.LeadIngestRequest;
import com.opulenthorizons.gateway.lead.SourceSystem;
import com.opulenthorizons.gateway.store.StoredLead;

/** Translates between Zoho lead records (Zoho's field names) and the gateway's leads. */
final class ZohoLeadMapper {

    /** Zoho requires Last_Name; a lead without a first name gets this placeholder locally. */
    static final String UNKNOWN_NAME = "(unknown)";

    private ZohoLeadMapper() {
    }

    /**
     * A Zoho lead as an ingest from ZOHO_CRM over CRM, keyed by its Zoho id (so a second inbound
     * sync is a replay). Marketing consent is not inferred from Zoho: it is recorded as false.
     */
    static LeadIngestRequest toIngest(String zohoId, Map<String, Object> zoho, String syncSource) {
        Map<String, Object> raw = new LinkedHashMap<>(zoho);
        if (syncSource != null) {
            raw.put("sync_source", syncSource);
        }
        return new LeadIngestRequest(SourceSystem.ZOHO_CRM, zohoId, Channel.CRM,
                orUnknown(text(zoho, "First_Name")), orUnknown(text(zoho, "Last_Name")), false,
                text(zoho, "Email"), firstNonNull(text(zoho, "Phone"), text(zoho, "Mobile")),
                null, text(zoho, "City"), null, text(zoho, "Description"), "zoho_crm", raw);
    }

    /** The local lead as a Zoho record for upsert, with its ingest id as the external reference. */
    static Map<String, Object> toZoho(StoredLead lead, String leadSource, String externalRefField) {
        Map<?, ?> person = lead.payload().get("person") instanceof Map<?, ?> p ? p : Map.of();
        Map<String, Object> record = new LinkedHashMap<>();
        putIfPresent(record, "Last_Name", person.get("last_name"));
        putIfPresent(record, "First_Name", person.get("first_name"));
        putIfPresent(record, "Email", person.get("email"));
        putIfPresent(record, "Phone", person.get("phone"));
        record.put("Lead_Source", leadSource != null ? leadSource : lead.sourceSystem());
        record.put(externalRefField, lead.id().toString());
        return record;
    }

    /** The upsert_zoho_lead arguments as a Zoho record; the source attribution goes into Description. */
    static Map<String, Object> toZoho(ZohoUpsertRequest r) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("Last_Name", r.lastName());
        putIfPresent(record, "First_Name", r.firstName());
        putIfPresent(record, "Email", r.email());
        putIfPresent(record, "Phone", r.phone());
        putIfPresent(record, "Company", r.company());
        putIfPresent(record, "Lead_Source", r.leadSource());
        putIfPresent(record, "Description", r.sourceAttribution());
        return record;
    }

    private static String text(Map<String, Object> zoho, String field) {
        Object value = zoho.get(field);
        if (value == null) {
            return null;
        }
        String s = String.valueOf(value).trim();
        return s.isEmpty() ? null : s;
    }

    private static String orUnknown(String s) {
        return s == null ? UNKNOWN_NAME : s;
    }

    private static String firstNonNull(String a, String b) {
        return a != null ? a : b;
    }
}
