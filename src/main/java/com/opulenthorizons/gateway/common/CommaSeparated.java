package com.opulenthorizons.gateway.common;

import java.util.Arrays;
import java.util.List;

/** A setting that lists several values, such as {@code MCP_ALLOWED_HOSTS} or {@code ZOHO_UPSERT_TRIGGER}. */
public final class CommaSeparated {

    private CommaSeparated() {
    }

    /** The values, trimmed, blanks left out; none for null. */
    public static List<String> values(String setting) {
        if (setting == null) {
            return List.of();
        }
        return Arrays.stream(setting.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
