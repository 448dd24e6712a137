package com.opulenthorizons.gateway.webform;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Logger;
import java.util.stream.Collectors;

import com.opulenthorizons.gateway.common.Correlation;
import com.opulenthorizons.gateway.common.InvalidArgumentException;
import com.opulenthorizons.gateway.common.Origin;
import com.opulenthorizons.gateway.common.WireJson;
import com.opulenthorizons.gateway.lead.Channel;
import com.opulenthorizons.gateway.lead.LeadIngestRequest;
import com.opulenthorizons.gateway.lead.LeadIngestService;
import com.opulenthorizons.gateway.lead.PersonName;
import com.opulenthorizons.gateway.lead.SourceSystem;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

/**
 * A website form post as a lead: the honeypot and the CAPTCHA first, then the fields mapped onto
 * {@code ingest_lead} ({@code source_system=WEB}, {@code channel=WEB_FORM}). The
 * {@code Idempotency-Key} header, or else the form's {@code submission_id}, is the lead's
 * {@code source_lead_id}, so that a double submit stores one lead. Fields the gateway does not know
 * go to {@code raw_payload}.
 */
@ApplicationScoped
public class WebFormService {

    private static final Logger LOG = Logger.getLogger(WebFormService.class.getName());
    static final List<String> CAPTCHA_FIELDS = List.of("cf-turnstile-response", "g-recaptcha-response", "captcha_token");
    private static final Set<String> KNOWN = Set.of("first_name", "last_name", "name", "email", "phone", "message", "budget_range",
            "location", "property_type", "consent", "consent_text", "submission_id");
    private static final Set<String> CONSENT_YES = Set.of("true", "on", "1", "yes");
    /** Lead fields as the form names them, for errors. */
    private static final Map<String, String> FORM_NAMES = Map.of("free_text", "message", "consent_source", "consent_text",
            "source_lead_id", "Idempotency-Key");

    private WebFormConfig config;
    private CaptchaVerifier captcha;
    private LeadIngestService leads;
    private Validator validator;

    protected WebFormService() {
        // for CDI proxies
    }

    @Inject
    public WebFormService(WebFormConfig config, CaptchaVerifier captcha, LeadIngestService leads, Validator validator) {
        this.config = config;
        this.captcha = captcha;
        this.leads = leads;
        this.validator = validator;
    }

    /**
     * @throws InvalidArgumentException naming the field that is missing or wrong (400)
     * @throws CaptchaUnavailableException when the CAPTCHA cannot be checked now (503)
     */
    public WebFormReceipt submit(WebFormSubmission submission) {
        Map<String, Object> fields = submission.fields();
        String honeypot = config.honeypotField();
        if (text(fields, honeypot) != null) {
            LOG.info("correlation_id=" + Correlation.current().orElse("-") + " web form: honeypot field '" + honeypot
                    + "' filled, submission answered and not stored");
            return new WebFormReceipt(UUID.randomUUID(), false);
        }
        config.captchaSecret().ifPresent(secret -> checkCaptcha(secret, fields, submission.remoteIp()));
        LeadIngestRequest request = request(fields, sourceLeadId(submission));
        validate(request, fields);
        try (Correlation.Scope origin = Origin.open(new Origin(Origin.Via.WEB_FORM,
                submission.origin() == null ? "web_form" : submission.origin()))) {
            return new WebFormReceipt(leads.ingest(request).ingestId(), true);
        }
    }

    private void checkCaptcha(String secret, Map<String, Object> fields, String remoteIp) {
        String token = CAPTCHA_FIELDS.stream().map(f -> text(fields, f)).filter(t -> t != null).findFirst()
                .orElseThrow(() -> new InvalidArgumentException(CAPTCHA_FIELDS.get(0), "required: solve the CAPTCHA"));
        CaptchaVerifier.Verdict verdict = captcha.verify(secret, token, remoteIp);
        if (!verdict.success()) {
            throw new InvalidArgumentException(CAPTCHA_FIELDS.get(0), "the CAPTCHA was not solved " + verdict.errorCodes());
        }
    }

    private static String sourceLeadId(WebFormSubmission submission) {
        if (submission.idempotencyKey() != null && !submission.idempotencyKey().isBlank()) {
            return submission.idempotencyKey().trim();
        }
        String submissionId = text(submission.fields(), "submission_id");
        return submissionId != null ? submissionId : UUID.randomUUID().toString();
    }

    private LeadIngestRequest request(Map<String, Object> fields, String sourceLeadId) {
        PersonName name = PersonName.of(text(fields, "first_name"), text(fields, "last_name"), text(fields, "name"));
        String consentText = text(fields, "consent_text");
        String consent = text(fields, "consent");
        Map<String, Object> raw = new LinkedHashMap<>();
        fields.forEach((k, v) -> {
            if (!KNOWN.contains(k) && !k.equals(config.honeypotField()) && !CAPTCHA_FIELDS.contains(k)) {
                raw.put(k, v);
            }
        });
        if (consentText != null) {
            raw.put("consent_text", consentText);
        }
        return new LeadIngestRequest(SourceSystem.WEB, sourceLeadId, Channel.WEB_FORM, name.firstName(), name.lastName(),
                consent != null && CONSENT_YES.contains(consent.toLowerCase(Locale.ROOT)),
                text(fields, "email"), text(fields, "phone"), text(fields, "budget_range"), text(fields, "location"),
                text(fields, "property_type"), text(fields, "message"),
                consentText == null ? "web form" : consentText.length() <= 200 ? consentText : consentText.substring(0, 197) + "...",
                raw.isEmpty() ? null : raw);
    }

    private void validate(LeadIngestRequest request, Map<String, Object> fields) {
        Set<ConstraintViolation<LeadIngestRequest>> violations = validator.validate(request);
        if (!violations.isEmpty()) {
            boolean singleName = text(fields, "name") != null;
            throw InvalidArgumentException.several(violations.stream()
                    .map(v -> formName(WireJson.wireName(v.getPropertyPath().toString()), singleName)
                            + ": " + v.getMessage())
                    .sorted().collect(Collectors.joining("; ")));
        }
        if (request.email() == null && request.phone() == null) {
            throw new InvalidArgumentException("email", "give an email or a phone, so that the lead can be answered");
        }
    }

    private static String formName(String leadField, boolean singleName) {
        if (singleName && (leadField.equals("first_name") || leadField.equals("last_name"))) {
            return "name";
        }
        return FORM_NAMES.getOrDefault(leadField, leadField);
    }

    /** A field as text, trimmed; null when absent or blank; 400 when it is not a single value. */
    static String text(Map<String, Object> fields, String name) {
        Object value = fields.get(name);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String || value instanceof Number || value instanceof Boolean)) {
            throw new InvalidArgumentException(name, "must be a single value, not a list or an object");
        }
        String s = value.toString().trim();
        return s.isEmpty() ? null : s;
    }
}
