package com.opulenthorizons.gateway.mcp;

import java.util.Optional;

import com.opulenthorizons.gateway.common.WireJson;

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
 */
record JsonRpcEnvelope(String method, Object id, String target) {

    /** Empty for anything that is not a single JSON-RPC object: the transport answers those itself. */
    static Optional<JsonRpcEnvelope> peek(byte[] body) {
        try (JsonParser parser = WireJson.MAPPER.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return Optional.empty();
            }
            String method = null;
            Object id = null;
            String target = null;
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (field) {
                    case "method" -> method = value == JsonToken.VALUE_STRING ? parser.getString() : null;
                    case "id" -> id = value == JsonToken.VALUE_STRING ? parser.getString()
                            : value == JsonToken.VALUE_NUMBER_INT ? parser.getNumberValue() : null;
                    case "params" -> target = value == JsonToken.START_OBJECT ? targetIn(parser) : skip(parser);
                    default -> parser.skipChildren();
                }
            }
            return method == null ? Optional.empty() : Optional.of(new JsonRpcEnvelope(method, id, target));
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

    private static String targetIn(JsonParser parser) {
        String target = null;
        while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if ((field.equals("name") || field.equals("uri")) && value == JsonToken.VALUE_STRING) {
                target = parser.getString();
            } else {
                parser.skipChildren();
            }
        }
        return target;
    }

    private static String skip(JsonParser parser) {
        parser.skipChildren();
        return null;
    }
}
