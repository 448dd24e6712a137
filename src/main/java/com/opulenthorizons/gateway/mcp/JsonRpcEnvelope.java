package com.opulenthorizons.gateway.mcp;

import java.util.Optional;

import com.opulenthorizons.gateway.common.WireJson;
import com.opulenthorizons.gateway.telemetry.TraceHeaders;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * The parts of a JSON-RPC request that access checks need before the SDK handles it: the method,
 * the id (to answer a refusal the client can match), and the tool name or resource URI. Read with
 * a streaming parser that skips everything else, arguments included.
 *
 * @param method for example {@code tools/call}
 * @param id the request id: a string, a number, or null for a notification
 * @param target {@code params.name} of a tool call, or {@code params.uri} of a resource read
 * @param trace the trace context in {@code params._meta} ({@code traceparent}, {@code tracestate}), or null
 */
record JsonRpcEnvelope(String method, Object id, String target, TraceHeaders trace) {

    /** What {@code params} holds that matters here. */
    private record Params(String target, TraceHeaders trace) {
        static final Params NONE = new Params(null, null);
    }

    /** Empty for anything that is not a single JSON-RPC object: the transport answers those itself. */
    static Optional<JsonRpcEnvelope> peek(byte[] body) {
        try (JsonParser parser = WireJson.MAPPER.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return Optional.empty();
            }
            String method = null;
            Object id = null;
            Params params = Params.NONE;
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (field) {
                    case "method" -> method = value == JsonToken.VALUE_STRING ? parser.getString() : null;
                    case "id" -> id = value == JsonToken.VALUE_STRING ? parser.getString()
                            : value == JsonToken.VALUE_NUMBER_INT ? parser.getNumberValue() : null;
                    case "params" -> params = value == JsonToken.START_OBJECT ? paramsIn(parser) : skip(parser);
                    default -> parser.skipChildren();
                }
            }
            return method == null ? Optional.empty() : Optional.of(new JsonRpcEnvelope(method, id, params.target(), params.trace()));
        } catch (JacksonException e) {
            return Optional.empty();
        }
    }

    boolean isToolCall() {
        return "tools/call".equals(method);
    }

    boolean isResourceRead() {
        return "resources/read".equals(method);
    }

    private static Params paramsIn(JsonParser parser) {
        String target = null;
        TraceHeaders trace = null;
        while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if ((field.equals("name") || field.equals("uri")) && value == JsonToken.VALUE_STRING) {
                target = parser.getString();
            } else if (field.equals("_meta") && value == JsonToken.START_OBJECT) {
                trace = traceIn(parser);
            } else {
                parser.skipChildren();
            }
        }
        return new Params(target, trace);
    }

    private static TraceHeaders traceIn(JsonParser parser) {
        String traceparent = null;
        String tracestate = null;
        while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if (field.equals(TraceHeaders.TRACEPARENT) && value == JsonToken.VALUE_STRING) {
                traceparent = parser.getString();
            } else if (field.equals(TraceHeaders.TRACESTATE) && value == JsonToken.VALUE_STRING) {
                tracestate = parser.getString();
            } else {
                parser.skipChildren();
            }
        }
        return traceparent == null ? null : new TraceHeaders(traceparent, tracestate);
    }

    private static Params skip(JsonParser parser) {
        parser.skipChildren();
        return Params.NONE;
    }
}
