package com.opulenthorizons.gateway.mcp.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.opulenthorizons.gateway.common.WireJson;

import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCRequest;

/** The direct conversions give exactly what Jackson's conversions give, for every message shape. */
class McpMessageMapperTest {

    private static final TypeRef<HashMap<String, Object>> MAP = new TypeRef<>() {
    };
    private static final TypeRef<CallToolRequest> CALL_TOOL = new TypeRef<>() {
    };

    private final McpMessageMapper direct = new McpMessageMapper(WireJson.PLAIN);
    private final JacksonMcpJsonMapper jackson = new JacksonMcpJsonMapper(WireJson.PLAIN);

    @ParameterizedTest
    @ValueSource(strings = {
        // the shapes the direct path takes
        "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"name\":\"ingest_lead\",\"arguments\":"
                + "{\"source_system\":\"META\",\"email\":\"ann@example.com\",\"marketing_consent\":true,\"budget\":1.5e5,"
                + "\"raw_payload\":{\"answers\":[{\"q\":\"rooms\",\"a\":3},null],\"big\":123456789012345678901234567890}}}}",
        "{\"jsonrpc\":\"2.0\",\"id\":\"req-1\",\"method\":\"tools/call\",\"params\":{\"name\":\"lookup_ohid\","
                + "\"arguments\":{\"email\":\"a@b.c\"},\"_meta\":{\"progressToken\":5}}}",
        "{\"jsonrpc\":\"2.0\",\"id\":9007199254740993,\"method\":\"tools/call\",\"params\":{\"name\":\"lookup_ohid\"}}",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"x\",\"arguments\":null}}",
        "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}",
        "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\",\"params\":null}",
        // shapes left to Jackson, some of which it refuses
        "{\"id\":3,\"method\":\"ping\"}",
        "{\"jsonrpc\":\" \",\"id\":3,\"method\":\"ping\"}",
        "{\"jsonrpc\":\"2.0\",\"id\":null,\"method\":\"ping\"}",
        "{\"jsonrpc\":\"2.0\",\"id\":true,\"method\":\"ping\"}",
        "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/call\",\"params\":{\"name\":\"x\",\"arguments\":{},\"extra\":1}}",
        "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/call\",\"params\":{\"name\":42,\"arguments\":{}}}",
        "{\"jsonrpc\":\"2.0\",\"id\":6.5,\"method\":\"tools/call\",\"params\":{\"name\":\"x\"}}",
        "{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"tools/call\",\"params\":{\"name\":\"x\"},\"extra\":true}",
        "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"tools/call\",\"params\":{\"name\":\"x\",\"arguments\":\"no\"}}",
        "{\"jsonrpc\":\"2.0\",\"id\":10,\"method\":\"tools/call\",\"params\":[1,2]}",
        "{\"jsonrpc\":\"2.0\",\"id\":11,\"method\":7}",
        "[1,2]",
        "{\"jsonrpc\":",
    })
    void convertsRequestsAndToolCallsExactlyAsJackson(String body) {
        Object viaDirect = outcome(() -> McpSchema.deserializeJsonRpcMessage(direct, body));
        Object viaJackson = outcome(() -> McpSchema.deserializeJsonRpcMessage(jackson, body));
        assertThat(viaDirect).isEqualTo(viaJackson);

        if (viaJackson instanceof JSONRPCRequest request && "tools/call".equals(request.method())) {
            assertThat(outcome(() -> direct.convertValue(request.params(), CALL_TOOL)))
                    .isEqualTo(outcome(() -> jackson.convertValue(request.params(), CALL_TOOL)));
        }
    }

    /** The value, or the failure as its class and message (exceptions have no equality of their own). */
    private static Object outcome(Callable<?> work) {
        try {
            return work.call();
        } catch (Exception e) {
            return e.getClass().getName() + ": " + e.getMessage();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/call\",\"params\":{\"name\":\"x\",\"arguments\":{},\"extra\":1}}",
        "{\"jsonrpc\":\"2.0\",\"id\":6.5,\"method\":\"tools/call\",\"params\":{\"name\":\"x\"}}",
        "{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"tools/call\",\"params\":{\"name\":\"x\"},\"extra\":true}",
        "{\"jsonrpc\":\"2.0\",\"id\":10,\"method\":\"tools/call\",\"params\":[1,2]}",
    })
    void leavesEveryOtherShapeToJackson(String body) throws Exception {
        Map<String, Object> map = direct.readValue(body, MAP);
        boolean requestIsPlain = McpMessageMapper.request(map) != null;
        boolean paramsArePlain = map.get("params") instanceof Map<?, ?> params && McpMessageMapper.callToolRequest(params) != null;
        assertThat(requestIsPlain && paramsArePlain).isFalse();
    }

    @Test
    void aToolCallReachesTheToolWithoutBeingCopied() throws Exception {
        Map<String, Object> map = direct.readValue("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\","
                + "\"params\":{\"name\":\"lookup_ohid\",\"arguments\":{\"email\":\"a@b.c\"}}}", MAP);
        JSONRPCRequest request = direct.convertValue(map, JSONRPCRequest.class);
        assertThat(request.params()).isSameAs(map.get("params"));
        CallToolRequest call = direct.convertValue(request.params(), CALL_TOOL);
        assertThat(call.arguments()).isSameAs(((Map<?, ?>) map.get("params")).get("arguments"));
    }
}
