package com.opulenthorizons.gateway.testing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.opulenthorizons.gateway.common.WireJson;

/**
 * Meta's wire formats, as Meta documents them, for the stand-in Graph API and the webhook tests:
 * a lead as {@code GET /{version}/{leadgen_id}} answers it, Graph's error envelope, and a page's
 * {@code leadgen} notification.
 */
public final class GraphLeads {

    private GraphLeads() {
    }

    /** A lead whose form asked for these questions, answered with these values. */
    public static String lead(String leadgenId, Map<String, String> answers) {
        Map<String, Object> lead = new LinkedHashMap<>();
        lead.put("created_time", "2026-12-01T10:15:30+0000");
        lead.put("id", leadgenId);
        lead.put("ad_id", "6045123456789");
        lead.put("form_id", "1234567890123");
        lead.put("field_data", answers.entrySet().stream()
                .map(a -> Map.of("name", a.getKey(), "values", List.of(a.getValue())))
                .toList());
        return WireJson.PLAIN.writeValueAsString(lead);
    }

    /** The usual answers of a real-estate lead form, with one custom question. */
    public static Map<String, String> typicalAnswers(String email) {
        Map<String, String> answers = new LinkedHashMap<>();
        answers.put("full_name", "Ada Lovelace");
        answers.put("email", email);
        answers.put("phone_number", "+442079460123");
        answers.put("budget", "500k-750k");
        answers.put("when_are_you_looking_to_buy?", "within_3_months");
        answers.put("marketing_consent", "Yes");
        return answers;
    }

    /** Graph's error envelope. */
    public static String error(int code, Integer subcode, String type, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", message);
        error.put("type", type);
        error.put("code", code);
        if (subcode != null) {
            error.put("error_subcode", subcode);
        }
        error.put("fbtrace_id", "AbCdEfGhIjK");
        return WireJson.PLAIN.writeValueAsString(Map.of("error", error));
    }

    /** A page webhook delivery with one leadgen change. */
    public static String notification(String leadgenId) {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("ad_id", "6045123456789");
        value.put("form_id", "1234567890123");
        value.put("leadgen_id", leadgenId);
        value.put("created_time", 1764584130);
        value.put("page_id", "987654321");
        value.put("adgroup_id", "6045123456789");
        Map<String, Object> change = Map.of("field", "leadgen", "value", value);
        Map<String, Object> entry = Map.of("id", "987654321", "time", 1764584131, "changes", List.of(change));
        return WireJson.PLAIN.writeValueAsString(Map.of("object", "page", "entry", List.of(entry)));
    }
}
