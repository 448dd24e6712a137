package com.opulenthorizons.gateway.mcp.sdk;

import java.io.IOException;
import java.lang.reflect.Type;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCRequest;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * The MCP SDK's JSON mapper (Jackson), with the two conversions every tool call goes through
 * done directly.
 * <p>
 * The SDK parses a request body into a map, then converts that map into a
 * {@link JSONRPCRequest}, then converts its params into a {@link CallToolRequest}. Jackson
 * converts by writing the whole value out as tokens and reading it back, so the arguments
 * (a lead with its raw payload) were copied twice before the tool saw them: the ingest profile
 * put these conversions and the type lookups behind them at a tenth of the CPU samples. Here,
 * a map of exactly the expected shape becomes the record by its constructor, with the values
 * the parser produced, which is what Jackson's conversion yields for them. Any other shape
 * (an unknown key, a non-string method, arguments that are not an object) goes to Jackson,
 * so its coercions and error messages are unchanged.
 */
public final class McpMessageMapper implements McpJsonMapper {

    private static final Set<String> REQUEST_KEYS = Set.of("jsonrpc", "method", "id", "params");
    private static final Set<String> CALL_TOOL_KEYS = Set.of("name", "arguments", "_meta");

    private final JacksonMcpJsonMapper jackson;
    private final JsonMapper mapper;
    /** The SDK passes a new TypeRef on every call; Jackson would resolve its generic type each time. */
    private final Map<Type, JavaType> types = new ConcurrentHashMap<>();

    public McpMessageMapper(JsonMapper mapper) {
        this.mapper = mapper;
        this.jackson = new JacksonMcpJsonMapper(mapper);
    }

    @Override
    public <T> T convertValue(Object fromValue, Class<T> type) {
        if (type == JSONRPCRequest.class && fromValue instanceof Map<?, ?> map) {
            JSONRPCRequest request = request(map);
            if (request != null) {
                return type.cast(request);
            }
        }
        return jackson.convertValue(fromValue, type);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T convertValue(Object fromValue, TypeRef<T> type) {
        if (type.getType() == CallToolRequest.class && fromValue instanceof Map<?, ?> map) {
            CallToolRequest request = callToolRequest(map);
            if (request != null) {
                return (T) request;
            }
        }
        try {
            return mapper.convertValue(fromValue, javaType(type));
        } catch (JacksonException e) {
            throw new IllegalArgumentException(e); // as JacksonMcpJsonMapper reports it
        }
    }

    @Override
    public <T> T readValue(String content, TypeRef<T> type) throws IOException {
        try {
            return mapper.readValue(content, javaType(type));
        } catch (JacksonException e) {
            throw new IOException("Failed to read value", e); // as JacksonMcpJsonMapper reports it
        }
    }

    @Override
    public <T> T readValue(byte[] content, TypeRef<T> type) throws IOException {
        return jackson.readValue(content, type); // not used by the servlet transport, which reads text
    }

    @Override
    public <T> T readValue(String content, Class<T> type) throws IOException {
        return jackson.readValue(content, type);
    }

    @Override
    public <T> T readValue(byte[] content, Class<T> type) throws IOException {
        return jackson.readValue(content, type);
    }

    @Override
    public String writeValueAsString(Object value) throws IOException {
        return jackson.writeValueAsString(value);
    }

    @Override
    public byte[] writeValueAsBytes(Object value) throws IOException {
        return jackson.writeValueAsBytes(value);
    }

    private JavaType javaType(TypeRef<?> type) {
        return types.computeIfAbsent(type.getType(), t -> mapper.getTypeFactory().constructType(t));
    }

    /** The request, or null when the map is not exactly a JSON-RPC request as a parser leaves it. */
    static JSONRPCRequest request(Map<?, ?> map) {
        if (!REQUEST_KEYS.containsAll(map.keySet())) {
            return null;
        }
        Object jsonrpc = map.get("jsonrpc");
        Object method = map.get("method");
        Object id = map.get("id");
        Object params = map.get("params");
        boolean plain = jsonrpc instanceof String version && !version.isBlank() && method instanceof String
                && (id instanceof String || id instanceof Integer || id instanceof Long)
                && (params == null || params instanceof Map);
        if (!plain) {
            return null;
        }
        try {
            return new JSONRPCRequest((String) jsonrpc, (String) method, id, params);
        } catch (IllegalArgumentException refused) {
            // The record's own checks refused it: Jackson's conversion reports that in its own words.
            return null;
        }
    }

    /** The tools/call params, or null when the map is not exactly their shape as a parser leaves it. */
    @SuppressWarnings("unchecked")
    static CallToolRequest callToolRequest(Map<?, ?> map) {
        if (!CALL_TOOL_KEYS.containsAll(map.keySet())) {
            return null;
        }
        Object name = map.get("name");
        Object arguments = map.get("arguments");
        Object meta = map.get("_meta");
        boolean plain = name instanceof String && (arguments == null || arguments instanceof Map)
                && (meta == null || meta instanceof Map);
        return plain ? new CallToolRequest((String) name, (Map<String, Object>) arguments, (Map<String, Object>) meta) : null;
    }
}
