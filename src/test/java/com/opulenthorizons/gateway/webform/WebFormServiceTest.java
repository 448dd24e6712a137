package com.opulenthorizons.gateway.webform;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.opulenthorizons.gateway.common.InvalidArgumentException;
import com.opulenthorizons.gateway.lead.ContactNormalizer;
import com.opulenthorizons.gateway.lead.LeadIngestService;
import com.opulenthorizons.gateway.lead.OhidResolver;
import com.opulenthorizons.gateway.testing.ShippedBlocklist;
import com.opulenthorizons.gateway.store.InMemoryLeadStore;
import com.opulenthorizons.gateway.store.StoredLead;
import com.opulenthorizons.gateway.testing.FakeCaptcha;

import jakarta.validation.Validation;

/** The form's rules on the real ingest service and in-memory store, with a Turnstile stand-in. */
class WebFormServiceTest {

    private final InMemoryLeadStore store = new InMemoryLeadStore();
    private WireMockServer server;
    private FakeCaptcha captcha;

    @BeforeEach
    void start() {
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        captcha = new FakeCaptcha(server).standard();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private WebFormService service(Map<String, String> settings) {
        WebFormConfig config = new WebFormConfig(key -> Optional.ofNullable(settings.get(key)));
        return new WebFormService(config, new CaptchaVerifier(config),
                new LeadIngestService(store, new ContactNormalizer("GB"), ShippedBlocklist.with(new ContactNormalizer("GB")), new OhidResolver()),
                Validation.buildDefaultValidatorFactory().getValidator());
    }

    private final Map<String, String> plain = Map.of();

    private static Map<String, Object> form(Object... pairs) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            fields.put((String) pairs[i], pairs[i + 1]);
        }
        return fields;
    }

    private static WebFormSubmission submission(Map<String, Object> fields, String key) {
        return new WebFormSubmission(fields, key, "https://www.example.com", "203.0.113.7");
    }

    private StoredLead stored(WebFormReceipt receipt) {
        return store.findLead(receipt.ingestId()).orElseThrow();
    }

    @Test
    void theFieldsMapOntoTheLeadAndTheRestGoesToRawPayload() {
        WebFormReceipt receipt = service(plain).submit(submission(form("name", "Ada King Lovelace", "email", "ada@example.com",
                "phone", "020 7946 0123", "message", "Two bedrooms, please", "budget_range", "500k-750k", "location", "Bath",
                "property_type", "flat", "consent", "on", "consent_text", "I agree to be contacted", "utm_source", "newsletter"), null));

        assertThat(receipt.stored()).isTrue();
        StoredLead lead = stored(receipt);
        assertThat(lead.sourceSystem()).isEqualTo("WEB");
        assertThat(lead.channel()).isEqualTo("WEB_FORM");
        @SuppressWarnings("unchecked")
        Map<String, Object> person = (Map<String, Object>) lead.payload().get("person");
        assertThat(person).containsEntry("first_name", "Ada").containsEntry("last_name", "King Lovelace")
                .containsEntry("phone", "+442079460123");
        assertThat(lead.payload()).containsEntry("free_text", "Two bedrooms, please").containsEntry("location", "Bath")
                .containsEntry("via", "web_form").containsEntry("caller", "https://www.example.com");
        assertThat(lead.payload().get("raw_payload")).isEqualTo(Map.of("utm_source", "newsletter",
                "consent_text", "I agree to be contacted"));
        assertThat(lead.consent()).containsEntry("marketing_consent", true).containsEntry("consent_source", "I agree to be contacted");
    }

    @Test
    void consentIsTrueOnlyForACheckedBox() {
        for (String unchecked : new String[] {"off", "false", ""}) {
            WebFormReceipt r = service(plain).submit(submission(form("name", "A B", "email", "a@example.com", "consent", unchecked), null));
            assertThat(stored(r).consent()).containsEntry("marketing_consent", false);
        }
        WebFormReceipt one = service(plain).submit(submission(form("name", "A B", "email", "a@example.com", "consent", "1"), null));
        assertThat(stored(one).consent()).containsEntry("marketing_consent", true);
    }

    @Test
    void theIdempotencyKeyOrTheSubmissionIdMakesADoubleSubmitOneLead() {
        WebFormService service = service(plain);
        Map<String, Object> fields = form("first_name", "Ada", "last_name", "Lovelace", "email", "ada@example.com");
        WebFormReceipt first = service.submit(submission(fields, "key-123"));
        assertThat(service.submit(submission(fields, "key-123")).ingestId()).isEqualTo(first.ingestId());

        Map<String, Object> withId = new HashMap<>(fields);
        withId.put("submission_id", "sub-9");
        WebFormReceipt a = service.submit(submission(withId, null));
        assertThat(service.submit(submission(withId, null)).ingestId()).isEqualTo(a.ingestId());
        assertThat(store.counts().leads()).isEqualTo(2);

        service.submit(submission(fields, null));
        service.submit(submission(fields, null));
        assertThat(store.counts().leads()).as("without a key every post is a lead").isEqualTo(4);
    }

    @Test
    void aFilledHoneypotIsAnsweredLikeASuccessAndNotStored() {
        WebFormReceipt receipt = service(plain).submit(submission(form("name", "Bot", "email", "bot@example.com",
                "website", "http://spam.example"), null));
        assertThat(receipt.stored()).isFalse();
        assertThat(receipt.ingestId()).isNotNull();
        assertThat(store.counts().leads()).isZero();
    }

    @Test
    void refusalsNameTheFormsField() {
        WebFormService service = service(plain);
        assertRefused(service, form("email", "a@example.com"), "first_name: must not be blank; last_name: must not be blank");
        assertRefused(service, form("first_name", "Ada", "email", "a@example.com"), "last_name: must not be blank");
        assertRefused(service, form("name", "Ada", "email", "not-an-email"), "email: must be a well-formed email address");
        assertRefused(service, form("name", "Ada"), "email: give an email or a phone");
        assertRefused(service, form("name", "Ada", "phone", "12"), "phone: must be a phone number");
        assertRefused(service, form("name", "Ada", "email", "a@example.com", "message", "x".repeat(5001)), "message: size must be");
        assertRefused(service, form("name", java.util.List.of("a"), "email", "a@example.com"), "name: must be a single value");
        assertThatThrownBy(() -> service.submit(submission(form("name", "Ada", "email", "a@example.com"), "k".repeat(256))))
                .hasMessageContaining("Idempotency-Key: size must be");
    }

    private void assertRefused(WebFormService service, Map<String, Object> fields, String message) {
        assertThatThrownBy(() -> service.submit(submission(fields, null))).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining(message);
        assertThat(store.counts().leads()).isZero();
    }

    @Test
    void withACaptchaSecretOnlyASolvedCaptchaIsStored() {
        WebFormService service = service(Map.of("WEB_FORM_CAPTCHA_SECRET", FakeCaptcha.SECRET,
                "WEB_FORM_CAPTCHA_VERIFY_URL", captcha.url()));
        Map<String, Object> fields = form("name", "Ada L", "email", "ada@example.com");

        assertThatThrownBy(() -> service.submit(submission(fields, null))).hasMessage("cf-turnstile-response: required: solve the CAPTCHA");
        fields.put("cf-turnstile-response", "wrong");
        assertThatThrownBy(() -> service.submit(submission(fields, null)))
                .hasMessage("cf-turnstile-response: the CAPTCHA was not solved [invalid-input-response]");
        fields.put("cf-turnstile-response", FakeCaptcha.PASSING_TOKEN);
        WebFormReceipt receipt = service.submit(submission(fields, null));
        assertThat(stored(receipt).payload()).doesNotContainKey("raw_payload");
        assertThat(captcha.checks()).isEqualTo(2);

        captcha.down();
        assertThatThrownBy(() -> service.submit(submission(fields, null))).isInstanceOf(CaptchaUnavailableException.class);
    }
}
