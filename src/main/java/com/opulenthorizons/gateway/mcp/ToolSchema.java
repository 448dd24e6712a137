package com.opulenthorizons.gateway.mcp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small builder for the JSON Schemas of tool inputs and outputs, so that each tool's
 * declaration reads as a list of its fields. Enum values are taken from the Java enums, so the
 * schema and the code cannot drift apart.
 */
final class ToolSchema {

    private final Map<String, Object> properties = new LinkedHashMap<>();
    private final List<String> required = new ArrayList<>();

    static ToolSchema object() {
        return new ToolSchema();
    }

    ToolSchema required(String name, Map<String, Object> schema) {
        properties.put(name, schema);
        required.add(name);
        return this;
    }

    ToolSchema optional(String name, Map<String, Object> schema) {
        properties.put(name, schema);
        return this;
    }

    /** A closed object: properties not declared here are refused. */
    Map<String, Object> build() {
        return build(false);
    }

    Map<String, Object> build(boolean additionalProperties) {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("properties", Map.copyOf(properties));
        if (!required.isEmpty()) {
            schema.put("required", List.copyOf(required));
        }
        schema.put("additionalProperties", additionalProperties);
        return schema;
    }

    static Map<String, Object> string(String description, int maxLength) {
        return Map.of("type", "string", "description", description, "maxLength", maxLength);
    }

    static Map<String, Object> string(String description) {
        return Map.of("type", "string", "description", description);
    }

    static Map<String, Object> uuid(String description) {
        return Map.of("type", "string", "format", "uuid", "description", description);
    }

    static Map<String, Object> email(String description) {
        return Map.of("type", "string", "format", "email", "description", description, "maxLength", 320);
    }

    static Map<String, Object> bool(String description) {
        return Map.of("type", "boolean", "description", description);
    }

    static Map<String, Object> anyObject(String description) {
        return Map.of("type", "object", "description", description);
    }

    static Map<String, Object> oneOf(String description, Enum<?>[] values) {
        return oneOf(description, Arrays.stream(values).map(Enum::name).toArray(String[]::new));
    }

    static Map<String, Object> oneOf(String description, String... values) {
        return Map.of("type", "string", "enum", List.of(values), "description", description);
    }

    static Map<String, Object> withMaxLength(Map<String, Object> schema, int maxLength) {
        Map<String, Object> copy = new LinkedHashMap<>(schema);
        copy.put("maxLength", maxLength);
        return copy;
    }

    static Map<String, Object> withDefault(Map<String, Object> schema, Object defaultValue) {
        Map<String, Object> copy = new LinkedHashMap<>(schema);
        copy.put("default", defaultValue);
        return copy;
    }
}
