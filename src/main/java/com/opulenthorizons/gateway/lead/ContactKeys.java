package com.opulenthorizons.gateway.lead;

/**
 * A person's normalised contact keys: email trimmed and lower-cased, phone in E.164.
 * Either may be null.
 */
public record ContactKeys(String email, String phone) {

    public boolean isEmpty() {
        return email == null && phone == null;
    }
}
