package com.opulenthorizons.gateway.testing;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.opulenthorizons.gateway.lead.Channel;
import com.opulenthorizons.gateway.lead.ContactKeys;
import com.opulenthorizons.gateway.lead.LeadIngestRequest;
import com.opulenthorizons.gateway.lead.NewLead;
import com.opulenthorizons.gateway.lead.SourceSystem;

/**
 * A valid lead, the one fixture for every test that needs one: as {@code ingest_lead} tool
 * arguments, as the service's request record, or as the row the service hands the store. Ann
 * Smith from a web form with marketing consent unless a test says otherwise; email and phone only
 * when given.
 */
public final class ValidLead {

    private final String sourceLeadId;
    private SourceSystem sourceSystem = SourceSystem.WEB;
    private Channel channel = Channel.WEB_FORM;
    private String firstName = "Ann";
    private String lastName = "Smith";
    private boolean marketingConsent = true;
    private String email;
    private String phone;

    private ValidLead(String sourceLeadId) {
        this.sourceLeadId = sourceLeadId;
    }

    /** A UK mobile number in E.164 that no other test is likely to use: a new person's phone. */
    public static String newMobile() {
        return "+4479" + (10_000_000 + (int) (Math.random() * 89_999_999));
    }

    /** A lead from a web form. */
    public static ValidLead web(String sourceLeadId) {
        return new ValidLead(sourceLeadId);
    }

    /** A lead from a Meta lead ad. */
    public static ValidLead metaAd(String sourceLeadId) {
        return web(sourceLeadId).from(SourceSystem.META, Channel.META_LEAD_AD);
    }

    public ValidLead from(SourceSystem sourceSystem, Channel channel) {
        this.sourceSystem = sourceSystem;
        this.channel = channel;
        return this;
    }

    public ValidLead name(String firstName, String lastName) {
        this.firstName = firstName;
        this.lastName = lastName;
        return this;
    }

    public ValidLead marketingConsent(boolean marketingConsent) {
        this.marketingConsent = marketingConsent;
        return this;
    }

    public ValidLead email(String email) {
        this.email = email;
        return this;
    }

    public ValidLead phone(String phone) {
        this.phone = phone;
        return this;
    }

    /** The arguments of an {@code ingest_lead} call. Mutable, so that a test can break one field. */
    public Map<String, Object> arguments() {
        Map<String, Object> args = new HashMap<>();
        args.put("source_system", sourceSystem.name());
        args.put("source_lead_id", sourceLeadId);
        args.put("channel", channel.name());
        args.put("first_name", firstName);
        args.put("last_name", lastName);
        args.put("marketing_consent", marketingConsent);
        putUnlessNull(args, "email", email);
        putUnlessNull(args, "phone", phone);
        return args;
    }

    public LeadIngestRequest request() {
        return new LeadIngestRequest(sourceSystem, sourceLeadId, channel, firstName, lastName, marketingConsent, email, phone,
                null, null, null, null, null, null);
    }

    /** The row a store receives for this lead, with a new ingest id; contacts as given (not normalised). */
    public NewLead newLead() {
        UUID ingestId = UUID.randomUUID();
        Map<String, Object> person = new LinkedHashMap<>();
        person.put("first_name", firstName);
        person.put("last_name", lastName);
        putUnlessNull(person, "email", email);
        putUnlessNull(person, "phone", phone);
        return new NewLead(ingestId, sourceSystem, sourceLeadId, channel, new ContactKeys(email, phone),
                Map.of("person", person, "source_lead_id", sourceLeadId), Map.of("marketing_consent", marketingConsent),
                Map.of("ingest_id", ingestId.toString()), "corr-" + ingestId);
    }

    private static void putUnlessNull(Map<String, Object> map, String key, String value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
