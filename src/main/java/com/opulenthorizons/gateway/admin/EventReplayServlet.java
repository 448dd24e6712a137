package com.opulenthorizons.gateway.admin;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

import com.opulenthorizons.gateway.auth.Caller;
import com.opulenthorizons.gateway.auth.Scope;
import com.opulenthorizons.gateway.common.GatewayFailure;
import com.opulenthorizons.gateway.common.LogSafeText;
import com.opulenthorizons.gateway.common.RecordBinder;
import com.opulenthorizons.gateway.common.RequestBodyLimit;
import com.opulenthorizons.gateway.common.WireJson;
import com.opulenthorizons.gateway.webhook.ReplayEventsRequest;
import com.opulenthorizons.gateway.webhook.ReplayEventsResult;
import com.opulenthorizons.gateway.webhook.WorkflowEventService;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.core.JacksonException;

/**
 * {@code POST /admin/events/replay}: the {@code replay_events} tool as a REST operation, for
 * operators and scripts without an MCP client. The body is the tool's arguments; the answer its
 * result. Needs the scope {@code events:replay}.
 */
@WebServlet(urlPatterns = "/admin/events/replay")
public class EventReplayServlet extends AdminEndpoint {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(EventReplayServlet.class.getName());
    private static final RequestBodyLimit BODY_LIMIT = new RequestBodyLimit(64 * 1024);

    @Inject
    transient RecordBinder binder;

    @Inject
    transient WorkflowEventService events;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<Caller> caller = admit(request, response, Scope.EVENTS_REPLAY);
        if (caller.isEmpty()) {
            return;
        }
        Optional<RequestBodyLimit.Refusal> tooLarge = BODY_LIMIT.check(request.getMethod(), request.getContentLengthLong());
        if (tooLarge.isPresent()) {
            answer(response, tooLarge.get().status(), error("invalid_request", tooLarge.get().message()));
            return;
        }
        Map<String, Object> arguments;
        try {
            arguments = WireJson.MAPPER.readValue(request.getInputStream(), Map.class);
        } catch (JacksonException e) {
            answer(response, HttpServletResponse.SC_BAD_REQUEST, error("invalid_argument", "the body must be a JSON object"));
            return;
        }
        try {
            ReplayEventsResult result = events.replay(binder.bind(arguments, ReplayEventsRequest.class));
            LOG.info(() -> "events replayed through /admin/events/replay by " + caller.get().name() + ": " + result.replayed());
            answer(response, HttpServletResponse.SC_OK, result);
        } catch (GatewayFailure e) {
            int status = switch (e.errorKind()) {
                case INVALID_ARGUMENT -> HttpServletResponse.SC_BAD_REQUEST;
                case NOT_FOUND -> HttpServletResponse.SC_NOT_FOUND;
                case REFUSED -> HttpServletResponse.SC_CONFLICT;
                default -> HttpServletResponse.SC_SERVICE_UNAVAILABLE;
            };
            if (status == HttpServletResponse.SC_SERVICE_UNAVAILABLE) {
                LOG.warning(() -> "replay through /admin/events/replay failed: " + LogSafeText.causeChain(e));
            }
            answer(response, status, error(e.errorType(), e.getMessage()));
        }
    }
}
