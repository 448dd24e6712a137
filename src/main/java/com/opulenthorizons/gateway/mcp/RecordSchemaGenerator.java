package com.opulenthorizons.gateway.mcp;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.classmate.ResolvedType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.victools.jsonschema.generator.CustomDefinition;
import com.github.victools.jsonschema.generator.FieldScope;
import com.github.victools.jsonschema.generator.MemberScope;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGenerationContext;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import com.github.victools.jsonschema.module.jakarta.validation.JakartaValidationModule;
import com.github.victools.jsonschema.module.jakarta.validation.JakartaValidationOption;
import com.opulenthorizons.gateway.common.DefaultValue;
import com.opulenthorizons.gateway.common.Description;
import com.opulenthorizons.gateway.common.WireJson;

import jakarta.validation.constraints.Pattern;

/**
 * JSON Schemas for tool inputs and outputs, generated from the request and result records so that
 * every rule is written once, on the record:
 * <ul>
 * <li>property names are the wire names ({@link WireJson#wireName}), in the record's component order;</li>
 * <li>{@link Description} gives {@code description}, {@link DefaultValue} gives {@code default};</li>
 * <li>Bean Validation gives {@code required} ({@code @NotNull}, {@code @NotBlank}), {@code maxLength}
 * ({@code @Size}), {@code format: email} ({@code @Email}) and {@code pattern} ({@code @Pattern},
 * anchored, because Bean Validation matches the whole value and JSON Schema any part of it);</li>
 * <li>a primitive component is always present, so it is required too;</li>
 * <li>enums list their constants as they are written on the wire, and {@link UUID}s are
 * {@code format: uuid};</li>
 * <li>the record itself is a closed object ({@code additionalProperties: false}); a {@code Map}
 * component is an open one.</li>
 * </ul>
 * The victools generator brings Jackson 2 for its own tree; the result is handed on as plain maps.
 */
public final class RecordSchemaGenerator {

    private static final ObjectMapper TREE = new ObjectMapper();

    private final SchemaGenerator generator;

    public RecordSchemaGenerator() {
        SchemaGeneratorConfigBuilder config = new SchemaGeneratorConfigBuilder(SchemaVersion.DRAFT_2020_12, OptionPreset.PLAIN_JSON)
                .without(Option.SCHEMA_VERSION_INDICATOR)
                .with(new JakartaValidationModule(JakartaValidationOption.NOT_NULLABLE_FIELD_IS_REQUIRED));
        config.forFields()
                .withPropertyNameOverrideResolver(field -> WireJson.wireName(field.getDeclaredName()))
                .withDescriptionResolver(field -> annotation(field, Description.class) == null ? null
                        : annotation(field, Description.class).value())
                .withDefaultResolver(field -> annotation(field, DefaultValue.class) == null ? null
                        : annotation(field, DefaultValue.class).value())
                .withRequiredCheck(field -> field.getType() != null && field.getType().isPrimitive())
                .withStringPatternResolver(RecordSchemaGenerator::anchoredPattern);
        config.forTypesInGeneral()
                .withStringFormatResolver(type -> type.getType().getErasedType() == UUID.class ? "uuid" : null)
                .withCustomDefinitionProvider(RecordSchemaGenerator::enumDefinition)
                .withAdditionalPropertiesResolver(type -> type.getType().getErasedType().isRecord() ? Void.class : null)
                .withPropertySorter(Comparator.comparingInt(RecordSchemaGenerator::componentIndex));
        generator = new SchemaGenerator(config.build());
    }

    /** The schema of a record, as a map in property order, ready for the MCP SDK. */
    public Map<String, Object> schemaOf(Class<? extends Record> type) {
        ObjectNode schema = generator.generateSchema(type);
        @SuppressWarnings("unchecked")
        Map<String, Object> map = TREE.convertValue(schema, Map.class);
        return map;
    }

    /** An enum is a string with its wire values, even when it has only one (victools would make that a const). */
    private static CustomDefinition enumDefinition(ResolvedType type, SchemaGenerationContext context) {
        Class<?> erased = type.getErasedType();
        if (!erased.isEnum()) {
            return null;
        }
        ObjectNode node = context.getGeneratorConfig().createObjectNode().put("type", "string");
        WireJson.wireValues(erased).forEach(node.putArray("enum")::add);
        return new CustomDefinition(node, CustomDefinition.DefinitionType.INLINE, CustomDefinition.AttributeInclusion.YES);
    }

    private static String anchoredPattern(FieldScope field) {
        Pattern pattern = annotation(field, Pattern.class);
        if (pattern == null) {
            return null;
        }
        String regex = pattern.regexp();
        if (regex.startsWith("^") && regex.endsWith("$")) {
            return regex;
        }
        // a|b must become ^(?:a|b)$, not ^a|b$
        return regex.contains("|") ? "^(?:" + regex + ")$" : "^" + regex + "$";
    }

    private static <A extends java.lang.annotation.Annotation> A annotation(FieldScope field, Class<A> type) {
        return field.getAnnotationConsideringFieldAndGetter(type);
    }

    /** Declaration order: a record's components keep the order the record gives them. */
    private static int componentIndex(MemberScope<?, ?> member) {
        RecordComponent[] components = member.getDeclaringType().getErasedType().getRecordComponents();
        if (components == null) {
            return 0;
        }
        for (int i = 0; i < components.length; i++) {
            if (components[i].getName().equals(member.getDeclaredName())) {
                return i;
            }
        }
        return components.length;
    }
}
