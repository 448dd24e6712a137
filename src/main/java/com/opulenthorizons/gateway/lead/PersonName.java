package com.opulenthorizons.gateway.lead;

/**
 * A person's given and family name as a lead needs them, from sources that may send only one full
 * name (a Meta lead form's {@code full_name}, a website form's {@code name}). The first word is the
 * given name and the rest the family name; a single word is a given name whose family name is
 * {@value #UNKNOWN_FAMILY_NAME}, because a lead that arrived by itself must not be lost for a missing surname.
 */
public record PersonName(String firstName, String lastName) {

    public static final String UNKNOWN_FAMILY_NAME = "-";

    /**
     * The separate names when both are given, otherwise the full name split; null parts stay null
     * (the lead's validation names them) when nothing at all is given.
     */
    public static PersonName of(String firstName, String lastName, String fullName) {
        String first = blankToNull(firstName);
        String last = blankToNull(lastName);
        if (first != null || last != null || blankToNull(fullName) == null) {
            return new PersonName(first, last);
        }
        String[] words = fullName.trim().split("\\s+", 2);
        return new PersonName(words[0], words.length > 1 ? words[1] : UNKNOWN_FAMILY_NAME);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
