package com.opulenthorizons.gateway.common;

import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Binds JSON arguments (a tool call's, or a REST operation's body) to a request record and checks
 * its Bean Validation rules, so that every way in refuses bad input with the same
 * {@code field: rule} messages. Values are never echoed: they may be contact details.
 */
@ApplicationScoped
public class RecordBinder {

    private Validator validator;

    protected RecordBinder() {
        // for CDI proxies
    }

    /**
     * The validator comes straight from the factory rather than as the injected {@code Validator}
     * bean: that one is a CDI proxy that reaches the real validator by reflection on every call.
     */
    @Inject
    public RecordBinder(ValidatorFactory validators) {
        this.validator = validators.usingContext().traversableResolver(RecordTraversableResolver.INSTANCE).getValidator();
    }

    /** The record, bound and valid; otherwise an {@link InvalidArgumentException} naming each field and rule. */
    public <A> A bind(Map<String, Object> arguments, Class<A> type) {
        A request = convert(arguments, type);
        Set<ConstraintViolation<Object>> violations = validator.validate(request);
        if (!violations.isEmpty()) {
            String message = violations.stream()
                    .map(v -> wirePath(v.getPropertyPath()) + ": " + v.getMessage())
                    .sorted(Comparator.naturalOrder())
                    .collect(Collectors.joining("; "));
            throw InvalidArgumentException.several(message);
        }
        return request;
    }

    private static <A> A convert(Map<String, Object> arguments, Class<A> type) {
        try {
            return WireJson.MAPPER.convertValue(arguments == null ? Map.of() : arguments, type);
        } catch (JacksonException e) {
            throw describe(e);
        } catch (IllegalArgumentException e) {
            if (e.getCause() instanceof JacksonException cause) {
                throw describe(cause);
            }
            throw e;
        }
    }

    /** Translates a Jackson binding failure into "field: rule", without echoing the value. */
    private static InvalidArgumentException describe(JacksonException e) {
        String field = e.getPath().stream()
                .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."));
        if (field.isEmpty()) {
            field = "arguments";
        }
        if (e instanceof UnrecognizedPropertyException) {
            return new InvalidArgumentException(field, "is not a known parameter");
        }
        if (e instanceof InvalidFormatException ife && ife.getTargetType() != null && ife.getTargetType().isEnum()) {
            return new InvalidArgumentException(field, "must be one of " + String.join(", ", WireJson.wireValues(ife.getTargetType())));
        }
        if (e instanceof MismatchedInputException mie && mie.getTargetType() != null) {
            return new InvalidArgumentException(field, "must be " + jsonTypeOf(mie.getTargetType()));
        }
        return new InvalidArgumentException(field, "is malformed");
    }

    private static String jsonTypeOf(Class<?> type) {
        if (type == Boolean.class || type == boolean.class) {
            return "a boolean";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "an object";
        }
        return "a string";
    }

    private static String wirePath(Path path) {
        StringBuilder sb = new StringBuilder();
        for (Path.Node node : path) {
            if (node.getName() == null) {
                continue;
            }
            if (sb.length() > 0) {
                sb.append('.');
            }
            sb.append(WireJson.wireName(node.getName()));
        }
        return sb.length() == 0 ? "arguments" : sb.toString();
    }
}
