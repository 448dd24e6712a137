package com.opulenthorizons.gateway.mcp;

import java.io.CharArrayWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Map;
import java.util.logging.Logger;

import com.opulenthorizons.gateway.common.WireJson;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import tools.jackson.core.JacksonException;

/**
 * Passes successful answers straight through; for a status of 400 and above, holds back the body
 * the SDK's transport writes (a serialised Java exception, stack trace included) and sends a
 * JSON-RPC error with only its message instead.
 */
final class ErrorBodyGuard extends HttpServletResponseWrapper {

    private static final Logger LOG = Logger.getLogger(ErrorBodyGuard.class.getName());

    private int status = SC_OK;
    private CharArrayWriter heldBack;

    ErrorBodyGuard(HttpServletResponse response) {
        super(response);
    }

    @Override
    public void setStatus(int sc) {
        status = sc;
        super.setStatus(sc);
    }

    @Override
    public PrintWriter getWriter() throws IOException {
        if (status < 400) {
            return super.getWriter();
        }
        if (heldBack == null) {
            heldBack = new CharArrayWriter();
        }
        return new PrintWriter(heldBack);
    }

    void finish() throws IOException {
        if (heldBack == null) {
            return;
        }
        String message = "Invalid request";
        try {
            Object parsed = WireJson.MAPPER.readValue(heldBack.toString(), Object.class);
            if (parsed instanceof Map<?, ?> map && map.get("message") instanceof String m && !m.isBlank()) {
                message = m.lines().findFirst().orElse(message);
            }
        } catch (JacksonException e) {
            LOG.fine(() -> "MCP transport error body was not JSON: " + e.getOriginalMessage());
        }
        JsonRpcRefusal.write((HttpServletResponse) getResponse(), status, null, message);
    }
}
