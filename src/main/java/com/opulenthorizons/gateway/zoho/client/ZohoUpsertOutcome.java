package com.opulenthorizons.gateway.zoho.client;

/**
 * Zoho's answer for one upserted record: {@code SUCCESS} with the record id and
 * {@code insert}/{@code update}, or an error such as {@code INVALID_DATA} with the field it names.
 */
public record ZohoUpsertOutcome(boolean success, String id, String action, String code, String message, String field) {

    /** "Email: invalid data (INVALID_DATA)", for tool errors. */
    public String describe() {
        String what = message == null ? "refused" : message;
        return (field == null ? "" : field + ": ") + what + (code == null ? "" : " (" + code + ")");
    }
}
