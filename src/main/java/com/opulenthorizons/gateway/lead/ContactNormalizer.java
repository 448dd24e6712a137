package com.opulenthorizons.gateway.lead;

import java.util.Locale;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil.Leniency;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import com.opulenthorizons.gateway.common.InvalidArgumentException;
import com.opulenthorizons.gateway.common.LogSafeText;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Turns raw contact details into identity keys. Emails are trimmed and lower-cased; phones are
 * parsed with libphonenumber and written in E.164, national numbers being read in the configured
 * default region ({@code PHONE_DEFAULT_REGION}).
 */
@ApplicationScoped
public class ContactNormalizer {

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    private String defaultRegion;

    protected ContactNormalizer() {
        // for CDI proxies
    }

    @Inject
    public ContactNormalizer(@ConfigProperty(name = "PHONE_DEFAULT_REGION", defaultValue = "US") String defaultRegion) {
        String region = defaultRegion.trim().toUpperCase(Locale.ROOT);
        if (!PHONES.getSupportedRegions().contains(region)) {
            throw new IllegalArgumentException("PHONE_DEFAULT_REGION '" + defaultRegion
                    + "' is not an ISO 3166 region that libphonenumber knows");
        }
        this.defaultRegion = region;
    }

    public String defaultRegion() {
        return defaultRegion;
    }

    /** Trimmed and lower-cased, or null when absent or blank. */
    public String normalizeEmail(String email) {
        if (email == null || email.isBlank()) {
            return null;
        }
        return email.trim().toLowerCase(Locale.ROOT);
    }

    /**
     * E.164 form, or null when absent or blank.
     *
     * @throws InvalidArgumentException when the text is not a possible phone number
     */
    public String normalizePhone(String phone) {
        return normalizePhone(phone, "phone");
    }

    /** As {@link #normalizePhone(String)}, naming {@code field} in the error. */
    public String normalizePhone(String phone, String field) {
        if (phone == null || phone.isBlank()) {
            return null;
        }
        try {
            PhoneNumber parsed = PHONES.parse(phone, defaultRegion);
            // isPossibleNumber (length rules) rather than isValidNumber (allocated ranges):
            // a lead's number must not be refused because a range is newer than the library.
            if (!PHONES.isPossibleNumber(parsed)) {
                throw notAPhone(field);
            }
            return PHONES.format(parsed, PhoneNumberFormat.E164);
        } catch (NumberParseException e) {
            throw notAPhone(field);
        }
    }

    /**
     * The text with its contact details taken out: every email-like word becomes {@code <email>},
     * and every possible phone number that libphonenumber finds in it (international, or national
     * for the default region) {@code <phone>}. For free text that is kept, such as an erasure's reason.
     */
    public String withoutContacts(String text) {
        if (text == null) {
            return null;
        }
        String noEmails = LogSafeText.emailsReplaced(text, "<email>");
        StringBuilder out = new StringBuilder();
        int from = 0;
        for (PhoneNumberMatch match : PHONES.findNumbers(noEmails, defaultRegion, Leniency.POSSIBLE, Long.MAX_VALUE)) {
            if (match.rawString().chars().filter(Character::isDigit).count() < MIN_PHONE_DIGITS_IN_TEXT) {
                continue; // short codes and ticket numbers ("ticket 4411") are possible numbers in some regions
            }
            out.append(noEmails, from, match.start()).append("<phone>");
            from = match.end();
        }
        return out.append(noEmails.substring(from)).toString();
    }

    /** Below this many digits a "possible number" in free text is more often a reference than a phone. */
    private static final int MIN_PHONE_DIGITS_IN_TEXT = 7;

    public ContactKeys keys(String email, String phone) {
        return new ContactKeys(normalizeEmail(email), normalizePhone(phone));
    }

    private InvalidArgumentException notAPhone(String field) {
        return new InvalidArgumentException(field,
                "must be a phone number in international form (+CC...) or a national number of region " + defaultRegion);
    }
}
