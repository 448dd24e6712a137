package com.opulenthorizons.gateway.webhook;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

import com.opulenthorizons.gateway.common.Correlation;
import com.opulenthorizons.gateway.common.InvalidArgumentException;
import com.opulenthorizons.gateway.common.Origin;
import com.opulenthorizons.gateway.ratelimit.RepeatedWarnings;
import com.opulenthorizons.gateway.store.StoreUnavailableException;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * How every signed receiver answers: the work runs under a new correlation id and the origin
 * "via webhook" from its sender; 200 with the work's answer; the status of a
 * {@link WebhookRejectedException}; 400 for a bad field; 503 when the store is down (senders retry);
 * 500 otherwise. Errors are JSON {@code {"error", "correlation_id"}}.
 */
public final class WebhookAnswers {

    private static final Logger LOG = Logger.getLogger(WebhookResource.class.getName());
    private static final RepeatedWarnings REFUSALS = new RepeatedWarnings(LOG);

    private WebhookAnswers() {
    }

    /** A receiver's work: its answer body. */
    @FunctionalInterface
    public interface Work {
        Map<?, ?> run();
    }

    public static Response handle(String source, Work work) {
        String correlationId = Correlation.newId();
        // Only a delivery whose signature was verified stores anything, so what it stores came "via webhook".
        try (Correlation.Scope scope = Correlation.open(correlationId);
                Correlation.Scope origin = Origin.open(new Origin(Origin.Via.WEBHOOK, source))) {
            return Response.ok(work.run()).header("X-Correlation-Id", correlationId).build();
        } catch (WebhookRejectedException e) {
            // A flood of bad signatures makes one line a minute per kind, with a count (and is limited per address).
            REFUSALS.warn(source + "-" + e.status(), "correlation_id=" + correlationId + " " + source + " webhook refused ("
                    + e.status() + "): " + e.getMessage());
            return error(e.status(), e.getMessage(), correlationId);
        } catch (InvalidArgumentException e) {
            REFUSALS.warn(source + "-400", "correlation_id=" + correlationId + " " + source + " webhook refused (400): " + e.getMessage());
            return error(400, e.getMessage(), correlationId);
        } catch (StoreUnavailableException e) {
            LOG.warning("correlation_id=" + correlationId + " " + source + " webhook not stored: " + e.getMessage());
            return error(503, e.getMessage(), correlationId);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "correlation_id=" + correlationId + " " + source + " webhook failed", e);
            return error(500, "internal error; the server log has the details under this correlation id", correlationId);
        }
    }

    public static Response error(int status, String message, String correlationId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", message);
        body.put("correlation_id", correlationId);
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(body).header("X-Correlation-Id", correlationId).build();
    }
}
