package com.opulenthorizons.gateway.mcp;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Logger;

import com.opulenthorizons.gateway.auth.Caller;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

/**
 * Ties each legacy SSE session to the caller who opened its stream: a POST to a session's message
 * endpoint from another caller gets 403, so one credential holder cannot inject messages into (and
 * read answers on) someone else's stream by knowing its session id. Runs after {@link McpRequestFilter},
 * which has authenticated the request. The session id is read from the stream's first event
 * ({@code endpoint}), the only place the SDK's transport reveals it.
 */
final class SseSessionOwners extends HttpFilter {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(SseSessionOwners.class.getName());
    /** Sessions remembered at most; the oldest is forgotten first (its stream is long gone by then). */
    static final int MAX_SESSIONS = 10_000;
    private static final String SESSION_PARAMETER = "sessionId=";

    private final transient Map<String, String> owners = Collections.synchronizedMap(new LinkedHashMap<>() {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > MAX_SESSIONS;
        }
    });

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String caller = request.getAttribute(Caller.ATTRIBUTE) instanceof Caller c ? c.name() : "unauthenticated";
        if ("GET".equals(request.getMethod())) {
            chain.doFilter(request, new SessionCapturingResponse(response, sessionId -> owners.put(sessionId, caller)));
            return;
        }
        // only the query string: getParameter does not read a JSON body
        String sessionId = request.getParameter("sessionId");
        String owner = sessionId == null ? null : owners.get(sessionId);
        if (owner != null && !owner.equals(caller)) {
            LOG.warning(() -> "legacy SSE: caller " + caller + " refused a message to a session opened by another caller");
            // in the transport's own error shape: McpRequestFilter's ErrorBodyGuard, around this filter,
            // turns it into the JSON-RPC error every other refusal gets
            response.setStatus(HttpServletResponse.SC_FORBIDDEN);
            response.setContentType("application/json");
            response.getWriter().write("{\"message\":\"this SSE session belongs to the caller who opened its stream\"}");
            return;
        }
        chain.doFilter(request, response);
    }

    /** Hands on the session id from the first event that names the message endpoint, and writes everything through. */
    private static final class SessionCapturingResponse extends HttpServletResponseWrapper {

        private final java.util.function.Consumer<String> onSession;
        private PrintWriter writer;

        SessionCapturingResponse(HttpServletResponse response, java.util.function.Consumer<String> onSession) {
            super(response);
            this.onSession = onSession;
        }

        @Override
        public synchronized PrintWriter getWriter() throws IOException {
            if (writer == null) {
                Writer target = super.getWriter();
                writer = new PrintWriter(new Writer() {
                    private boolean captured;

                    @Override
                    public void write(char[] buffer, int offset, int length) throws IOException {
                        if (!captured) {
                            String text = new String(buffer, offset, length);
                            int at = text.indexOf(SESSION_PARAMETER);
                            if (at >= 0) {
                                int start = at + SESSION_PARAMETER.length();
                                int end = start;
                                while (end < text.length() && !Character.isWhitespace(text.charAt(end)) && text.charAt(end) != '&') {
                                    end++;
                                }
                                onSession.accept(text.substring(start, end));
                                captured = true;
                            }
                        }
                        target.write(buffer, offset, length);
                    }

                    @Override
                    public void flush() throws IOException {
                        target.flush();
                    }

                    @Override
                    public void close() throws IOException {
                        target.close();
                    }
                });
            }
            return writer;
        }
    }
}
