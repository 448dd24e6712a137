package com.opulenthorizons.gateway.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;

/**
 * How an erasure finds a person's contact values in payloads that others wrote (events with no
 * person, such as a call from a number not yet known): emails in any case; phones by their national
 * significant number once the separators between digits are gone, so that "+61 412 345 678",
 * "0412 345 678", "(04) 1234-5678" read as "…0412345678" and "0061412345678" all hold "412345678".
 * Another country's number with the same national digits matches too: an erasure would rather
 * redact a stranger's person-less event than leave the person's number in one.
 *
 * @param emails LIKE patterns of the lower-cased emails
 * @param phones LIKE patterns of the national significant numbers
 */
record ContactTraces(List<String> emails, List<String> phones) {

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    /** Spaces, dots, dashes, slashes and brackets between two digits. */
    private static final Pattern DIGIT_SEPARATORS = Pattern.compile("(?<=[0-9])[\\s.()/-]+(?=[0-9])");
    /** A national number shorter than this would match too much, so the whole number is looked for. */
    private static final int MIN_NATIONAL_DIGITS = 6;

    /** The condition on {@code payload}, with two array parameters: {@link #emails()}, then {@link #phones()}. */
    static final String SQL_CONDITION = "(lower(CAST(payload AS text)) LIKE ANY (?) OR regexp_replace(CAST(payload AS text), "
            + "'(?<=[0-9])[[:space:].()/-]+(?=[0-9])', '', 'g') LIKE ANY (?))";

    ContactTraces {
        emails = List.copyOf(emails);
        phones = List.copyOf(phones);
    }

    /** From the keys of {@link PostgresPersonLocks}: {@code e:<email>} and {@code p:<E.164 phone>}. */
    static ContactTraces of(Collection<String> keys) {
        List<String> emails = new ArrayList<>();
        List<String> phones = new ArrayList<>();
        for (String key : keys) {
            if (key.startsWith("e:")) {
                emails.add("%" + likeEscaped(key.substring(2).toLowerCase(Locale.ROOT)) + "%");
            } else if (key.startsWith("p:")) {
                phones.add("%" + nationalDigits(key.substring(2)) + "%");
            }
        }
        return new ContactTraces(emails, phones);
    }

    boolean isEmpty() {
        return emails.isEmpty() && phones.isEmpty();
    }

    /** Whether a payload's text holds one of the values: the in-memory store's form of {@link #SQL_CONDITION}. */
    boolean foundIn(String payloadText) {
        String lower = payloadText.toLowerCase(Locale.ROOT);
        String joined = DIGIT_SEPARATORS.matcher(payloadText).replaceAll("");
        return emails.stream().anyMatch(p -> lower.contains(unpattern(p))) || phones.stream().anyMatch(p -> joined.contains(unpattern(p)));
    }

    /** The national significant number of an E.164 phone, or its digits when it has too few or does not parse. */
    static String nationalDigits(String e164) {
        String digits = e164.replaceAll("[^0-9]", "");
        try {
            String national = PHONES.getNationalSignificantNumber(PHONES.parse(e164, null));
            return national.length() >= MIN_NATIONAL_DIGITS ? national : digits;
        } catch (NumberParseException e) {
            return digits; // stored phones are E.164; a value that is not still matches as written
        }
    }

    private static String likeEscaped(String value) {
        return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static String unpattern(String pattern) {
        return pattern.substring(1, pattern.length() - 1).replace("\\_", "_").replace("\\%", "%").replace("\\\\", "\\");
    }
}
