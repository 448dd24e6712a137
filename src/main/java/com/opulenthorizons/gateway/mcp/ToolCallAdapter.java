package com.opulenthorizons.gateway.mcp;

import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

import com.opulenthorizons.gateway.common.Correlation;
import com.opulenthorizons.gateway.common.GatewayFailure;
import com.opulenthorizons.gateway.common.InvalidArgumentException;
import com.opulenthorizons.gateway.common.LogSafeText;
import com.opulenthorizons.gateway.common.Origin;
import com.opulenthorizons.gateway.common.WireJson;
import com.opulenthorizons.gateway.mcp.sdk.RecordTraversableResolver;

import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
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
 * Runs one tool call the same way for every tool: binds the JSON arguments to the tool's request
 * record, validates it, calls the service, and turns the answer into a result with
 * structuredContent plus the same JSON as text. Failures become {@code isError: true} results
 * that name the field and the rule; unexpected ones are logged with the correlation id.
 */
@ApplicationScoped
public class ToolCallAdapter {

    private static final Logger LOG = Logger.getLogger(ToolCallAdapter.class.getName());

    private Validator validator;

    protected ToolCallAdapter() {
        // for CDI proxies
    }

    /**
     * The validator comes straight from the factory rather than as the injected {@code Validator}
     * bean: that one is a CDI proxy that reaches the real validator by reflection on every call.
     */
    @Inject
    public ToolCallAdapter(ValidatorFactory validators) {
        this.validator = validators.usingContext().traversableResolver(RecordTraversableResolver.INSTANCE).getValidator();
    }

    public <A, R> CallToolResult call(ToolCall call, Map<String, Object> arguments, Class<A> requestType,
            Function<A, R> service) {
        String correlationId = Correlation.newId();
        long started = System.nanoTime();
        ToolAudit.start(call, correlationId);
        if (!call.caller().mayUse(call.scope())) {
            return failure(call, correlationId, started, "insufficient_scope", "this tool needs the scope "
                    + call.scope().wireName() + ", which the caller " + call.caller().name() + " has not been granted");
        }
        try (Correlation.Scope scope = Correlation.open(correlationId);
                Correlation.Scope origin = Origin.open(new Origin(Origin.Via.MCP, call.caller().name()))) {
            A request = bind(arguments, requestType);
            validate(request);
            R answer = service.apply(request);
            CallToolResult result = success(answer);
            ToolAudit.end(call, correlationId, millisSince(started));
            return result;
        } catch (GatewayFailure e) {
            return failure(call, correlationId, started, e.errorType(), reported(e, call.tool(), correlationId));
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "correlation_id=" + correlationId + " unexpected failure in " + call.tool(), e);
            return failure(call, correlationId, started, "internal_error",
                    "internal error; the server log has the details under correlation id " + correlationId);
        }
    }

    /** The failure's message for the caller, after logging it as its kind asks. */
    private static String reported(GatewayFailure e, String tool, String correlationId) {
        switch (e.errorKind()) {
            case UPSTREAM_FAULT:
                LOG.warning(() -> "correlation_id=" + correlationId + " " + e.errorType() + " in " + tool + ": " + LogSafeText.causeChain(e));
                return e.getMessage();
            case STORE_UNAVAILABLE:
                // The cause chain, masked, and no stack trace: the driver's messages can quote row data.
                LOG.warning(() -> "correlation_id=" + correlationId + " store unavailable in " + tool + ": " + LogSafeText.causeChain(e));
                return e.getMessage() + " (correlation id " + correlationId + ")";
            default:
                return e.getMessage();
        }
    }

    /** The answer as structuredContent, with the same JSON as a text block for older clients. */
    static CallToolResult success(Object answer) {
        @SuppressWarnings("unchecked")
        Map<String, Object> structured = WireJson.MAPPER.convertValue(answer, Map.class);
        return CallToolResult.builder()
                .addTextContent(WireJson.MAPPER.writeValueAsString(structured))
                .structuredContent(structured)
                .isError(false)
                .build();
    }

    private static CallToolResult failure(ToolCall call, String correlationId, long started, String errorType, String message) {
        ToolAudit.error(call, correlationId, millisSince(started), errorType, message);
        return CallToolResult.builder().addTextContent(message).isError(true).build();
    }

    private static <A> A bind(Map<String, Object> arguments, Class<A> type) {
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

    private void validate(Object request) {
        Set<ConstraintViolation<Object>> violations = validator.validate(request);
        if (!violations.isEmpty()) {
            String message = violations.stream()
                    .map(v -> wirePath(v.getPropertyPath()) + ": " + v.getMessage())
                    .sorted(Comparator.naturalOrder())
                    .collect(Collectors.joining("; "));
            throw InvalidArgumentException.several(message);
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
            return new InvalidArgumentException(field, "is not a parameter of this tool");
        }
        if (e instanceof InvalidFormatException ife && ife.getTargetType() != null && ife.getTargetType().isEnum()) {
            String allowed = String.join(", ", RecordSchemaGenerator.wireValues(ife.getTargetType()));
            return new InvalidArgumentException(field, "must be one of " + allowed);
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

    private static long millisSince(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }
}
