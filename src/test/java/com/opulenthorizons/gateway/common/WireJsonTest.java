package com.opulenthorizons.gateway.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class WireJsonTest {

    @Test
    void absentValuesAreLeftOutOfABuiltDocument() {
        Map<String, Object> document = new LinkedHashMap<>();
        WireJson.putIfPresent(document, "email", "ann@example.com");
        WireJson.putIfPresent(document, "phone", null);
        assertThat(document).containsExactly(Map.entry("email", "ann@example.com"));
    }
}
