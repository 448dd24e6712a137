package com.opulenthorizons.gateway.meta;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.opulenthorizons.gateway.lead.Channel;
import com.opulenthorizons.gateway.lead.LeadIngestRequest;
import com.opulenthorizons.gateway.lead.PersonName;
import com.opulenthorizons.gateway.lead.SourceSystem;

/**
 * A Graph API lead ({@code field_data[].name}/{@code values}) as a lead to ingest: Meta's standard
 * questions ({@code email}, {@code full_name} or {@code first_name}/{@code last_name},
 * {@code phone_number}) map onto the lead's fields, the configured question names onto budget,
 * location, property type and consent, and every other question (the form's custom questions) is
 * listed in {@code free_text}. The whole Graph answer is the lead's {@code raw_payload}.
 */
public class MetaLeadMapper {

    private static final int MAX_FREE_TEXT = 5000;
    private static final int MAX_CONSENT_SOURCE = 200;
    private static final List<String> STANDARD = List.of("email", "full_name", "first_name", "last_name", "phone_number");

    private final MetaConfig config;

    public MetaLeadMapper(MetaConfig config) {
        this.config = config;
    }

    public LeadIngestRequest map(String leadgenId, Map<String, Object> graphLead) {
        Map<String, String> answers = answers(graphLead);
        PersonName name = PersonName.of(answers.get("first_name"), answers.get("last_name"), answers.get("full_name"));
        String lastName = name.firstName() != null && name.lastName() == null ? PersonName.UNKNOWN_FAMILY_NAME : name.lastName();
        Optional<String> consentBy = consentAnswer(answers, graphLead);
        List<String> mapped = new ArrayList<>(STANDARD);
        mapped.addAll(config.budgetFields());
        mapped.addAll(config.locationFields());
        mapped.addAll(config.propertyTypeFields());
        mapped.addAll(config.consentFields());
        StringBuilder custom = new StringBuilder();
        answers.forEach((question, answer) -> {
            if (!mapped.contains(question)) {
                custom.append(custom.length() == 0 ? "" : "\n").append(question).append(": ").append(answer);
            }
        });
        String formId = graphLead.get("form_id") instanceof String f ? f : null;
        return new LeadIngestRequest(SourceSystem.META, leadgenId, Channel.META_LEAD_AD, name.firstName(), lastName,
                consentBy.isPresent(), answers.get("email"), answers.get("phone_number"),
                first(answers, config.budgetFields(), 100), first(answers, config.locationFields(), 200),
                first(answers, config.propertyTypeFields(), 100),
                custom.length() == 0 ? null : truncate(custom.toString(), MAX_FREE_TEXT),
                consentBy.map(by -> truncate("Meta lead form " + (formId == null ? "" : formId + " ") + "(" + by + ")",
                        MAX_CONSENT_SOURCE)).orElse(null),
                graphLead);
    }

    /** Each question's answer by lower-case question name; several values (a multiple choice) joined by ", ". */
    static Map<String, String> answers(Map<String, Object> graphLead) {
        Map<String, String> answers = new LinkedHashMap<>();
        if (graphLead.get("field_data") instanceof List<?> fields) {
            for (Object f : fields) {
                if (f instanceof Map<?, ?> field && field.get("name") instanceof String name && field.get("values") instanceof List<?> values
                        && !values.isEmpty()) {
                    answers.put(name.toLowerCase(Locale.ROOT), String.join(", ", values.stream().map(String::valueOf).toList()));
                }
            }
        }
        return answers;
    }

    /** The consent question or disclaimer checkbox that said yes, if one did. */
    private Optional<String> consentAnswer(Map<String, String> answers, Map<String, Object> graphLead) {
        for (String field : config.consentFields()) {
            String answer = answers.get(field);
            if (answer != null && config.consentYesValues().contains(answer.trim().toLowerCase(Locale.ROOT))) {
                return Optional.of(field);
            }
        }
        if (graphLead.get("custom_disclaimer_responses") instanceof List<?> responses) {
            for (Object r : responses) {
                if (r instanceof Map<?, ?> response && response.get("checkbox_key") instanceof String key
                        && config.consentFields().contains(key.toLowerCase(Locale.ROOT))
                        && config.consentYesValues().contains(String.valueOf(response.get("is_checked")).trim().toLowerCase(Locale.ROOT))) {
                    return Optional.of(key);
                }
            }
        }
        return Optional.empty();
    }

    /** The first of these questions that was answered, cut to the lead field's size: a lead is not lost for a long answer. */
    private static String first(Map<String, String> answers, List<String> fields, int max) {
        return fields.stream().map(answers::get).filter(a -> a != null && !a.isBlank()).findFirst()
                .map(a -> truncate(a, max)).orElse(null);
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 3) + "...";
    }
}
