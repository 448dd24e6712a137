package com.opulenthorizons.gateway.lead;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.opulenthorizons.gateway.common.CommaSeparated;
import com.opulenthorizons.gateway.common.InvalidArgumentException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Contact values that never count as identity keys (Segment's blocked values): placeholder emails
 * and phones that forms collect, and the business's own numbers. A blocked value is still stored
 * with its lead; it just never joins two people, so a switchboard number cannot merge an office.
 * <p>
 * Phones whose national number is one digit repeated (000..., 999...) or a run such as 1234567890
 * are blocked by rule; the lists add exact values ({@code BLOCKED_EMAILS}, {@code BLOCKED_PHONES},
 * {@code OWN_PHONE_NUMBERS}) and email local parts ({@code BLOCKED_EMAIL_LOCAL_PARTS}, such as
 * {@code noreply}, blocking {@code noreply@} at any domain).
 */
@ApplicationScoped
public class BlockedIdentifiers {

    private static final Set<Integer> CALLING_CODES = PhoneNumberUtil.getInstance().getSupportedCallingCodes();
    private static final List<String> RUNS = List.of("1234567890", "123456789", "0123456789", "9876543210");

    private Set<String> emails = Set.of();
    private Set<String> emailLocalParts = Set.of();
    private Set<String> phones = Set.of();

    protected BlockedIdentifiers() {
        // for CDI proxies
    }

    @Inject
    public BlockedIdentifiers(ContactNormalizer normalizer,
            @ConfigProperty(name = "BLOCKED_EMAILS") String blockedEmails,
            @ConfigProperty(name = "BLOCKED_EMAIL_LOCAL_PARTS") String blockedLocalParts,
            @ConfigProperty(name = "BLOCKED_PHONES") Optional<String> blockedPhones,
            @ConfigProperty(name = "OWN_PHONE_NUMBERS") Optional<String> ownPhones) {
        Set<String> e = new HashSet<>();
        CommaSeparated.values(blockedEmails).forEach(v -> e.add(normalizer.normalizeEmail(v)));
        this.emails = Set.copyOf(e);
        this.emailLocalParts = Set.copyOf(CommaSeparated.values(blockedLocalParts).stream()
                .map(v -> v.toLowerCase(Locale.ROOT)).toList());
        Set<String> p = new HashSet<>();
        addPhones(p, normalizer, "BLOCKED_PHONES", blockedPhones.orElse(null));
        addPhones(p, normalizer, "OWN_PHONE_NUMBERS", ownPhones.orElse(null));
        this.phones = Set.copyOf(p);
    }

    private static void addPhones(Set<String> phones, ContactNormalizer normalizer, String setting, String values) {
        for (String value : CommaSeparated.values(values)) {
            try {
                phones.add(normalizer.normalizePhone(value, setting));
            } catch (InvalidArgumentException notAPhone) {
                // a start-up failure that names the setting, rather than a number that silently blocks nothing
                throw new IllegalArgumentException(notAPhone.getMessage(), notAPhone);
            }
        }
    }

    /** Whether a normalised email is blocked; null is not. */
    public boolean isBlockedEmail(String email) {
        if (email == null) {
            return false;
        }
        int at = email.lastIndexOf('@');
        return emails.contains(email) || (at > 0 && emailLocalParts.contains(email.substring(0, at)));
    }

    /** Whether an E.164 phone is blocked; null is not. */
    public boolean isBlockedPhone(String e164) {
        if (e164 == null) {
            return false;
        }
        if (phones.contains(e164)) {
            return true;
        }
        String national = nationalNumber(e164);
        return national.chars().distinct().count() == 1 || RUNS.contains(national);
    }

    /**
     * The number without its country code. Country calling codes are prefix-free (no code starts
     * another), so the first 1-3 digits that are one are it. This runs on every ingest, so it looks
     * the code up rather than parsing the number again (ContactNormalizer has just parsed it).
     */
    private static String nationalNumber(String e164) {
        String digits = e164.startsWith("+") ? e164.substring(1) : e164;
        if (!digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            // not E.164 after all: judge the digits as they are
            return e164.replaceAll("\\D", "");
        }
        for (int length = 1; length <= Math.min(3, digits.length() - 1); length++) {
            if (CALLING_CODES.contains(Integer.parseInt(digits.substring(0, length)))) {
                return digits.substring(length);
            }
        }
        return digits;
    }

    /** The keys that may identify a person: blocked values left out. */
    public ContactKeys identityKeys(ContactKeys keys) {
        return new ContactKeys(isBlockedEmail(keys.email()) ? null : keys.email(),
                isBlockedPhone(keys.phone()) ? null : keys.phone());
    }
}
