package com.opulenthorizons.gateway.common;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.util.JsonRecyclerPools;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON as the gateway speaks it: snake_case names for camelCase record components, absent
 * values left out, and unknown properties refused rather than silently dropped.
 */
public final class WireJson {

    /**
     * Buffers recycled per thread rather than through Jackson 3's default shared deque: every
     * request serialises several documents on a Liberty executor thread, and the profile of
     * ingest showed the deque's atomic operations among its hot spots.
     */
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .recyclerPool(JsonRecyclerPools.threadLocalPool())
            .build();

    public static final JsonMapper MAPPER = JsonMapper.builder(FACTORY)
            .addModule(new RecordCreators())
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .changeDefaultPropertyInclusion(incl -> incl.withValueInclusion(JsonInclude.Include.NON_NULL))
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    /**
     * Jackson's defaults (as {@code JsonMapper.shared()}), on the same factory: for the MCP SDK's
     * JSON-RPC messages and the stored JSON documents.
     */
    public static final JsonMapper PLAIN = JsonMapper.builder(FACTORY).addModule(new RecordCreators()).build();

    private WireJson() {
    }

    /** Puts {@code value} under {@code key} unless it is null: the documents the gateway builds leave absent values out. */
    public static void putIfPresent(Map<String, Object> document, String key, Object value) {
        if (value != null) {
            document.put(key, value);
        }
    }

    /** Converts a camelCase Java name to the snake_case name it has on the wire. */
    public static String wireName(String javaName) {
        return PropertyNamingStrategies.SNAKE_CASE.nameForField(null, null, javaName);
    }

    /** An enum's values as this mapper writes them ({@code @JsonValue} honoured), for schemas and error messages. */
    public static List<String> wireValues(Class<?> enumType) {
        return Arrays.stream(enumType.getEnumConstants())
                .map(constant -> MAPPER.valueToTree(constant).asString())
                .toList();
    }
}
