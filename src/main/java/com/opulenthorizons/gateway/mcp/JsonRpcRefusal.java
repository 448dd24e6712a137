package com.opulenthorizons.gateway.mcp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import com.opulenthorizons.gateway.common.WireJson;

import jakarta.servlet.http.HttpServletResponse;

/** An HTTP error answered with a JSON-RPC error body, as MCP clients expect with one. */
final class JsonRpcRefusal {

    /** JSON-RPC's "invalid request", which MCP servers use for refusals at the HTTP level. */
    static final int INVALID_REQUEST = -32600;

    private JsonRpcRefusal() {
    }

    /** {@code id} is the request's, when it could be read, so that the client can match the answer. */
    static void write(HttpServletResponse response, int status, Object id, String message) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", INVALID_REQUEST);
        error.put("message", message);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("jsonrpc", "2.0");
        body.put("id", id);
        body.put("error", error);
        response.getWriter().write(WireJson.MAPPER.writeValueAsString(body));
    }
}
