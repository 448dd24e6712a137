package com.opulenthorizons.gateway.webhook;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

import com.opulenthorizons.gateway.common.Correlation;
import com.opulenthorizons.gateway.common.InvalidArgumentException;
import com.opulenthorizons.gateway.common.Origin;
import com.opulenthorizons.gateway.common.WireJson;
import com.opulenthorizons.gateway.ratelimit.RepeatedWarnings;
import com.opulenthorizons.gateway.events.CallEventResult;
import com.opulenthorizons.gateway.store.StoreUnavailableException;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * POST /webhooks/cloudtalk and /webhooks/notion: HTTP in, {@link WebhookReceiver} does the work.
 * 200 only once the event is committed; 401 for a bad or missing signature; 400 for a body that
 * is not what the sender promised; 503 when the store or the secret is missing (senders retry).
 */
@Path("/")
@RequestScoped
public class WebhookResource {

    private static final Logger LOG = Logger.getLogger(WebhookResource.class.getName());

    @Inject
    WebhookReceiver receiver;

    @POST
    @Path("cloudtalk")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response cloudTalk(byte[] body, @HeaderParam("X-CloudTalk-Signature") String signature,
            @HeaderParam("Authorization") String authorization) {
        return handle("cloudtalk", () -> {
            CallEventResult result = receiver.receiveCloudTalk(body, signature, authorization);
            return WireJson.MAPPER.convertValue(result, Map.class);
        });
    }

    @POST
    @Path("notion")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response notion(byte[] body, @HeaderParam("X-Notion-Signature") String signature) {
        return handle("notion", () -> {
            WebhookReceiver.NotionReceipt receipt = receiver.receiveNotion(body, signature);
            return receipt.verificationTokenRecorded()
                    ? Map.of("verification_token_received", true)
                    : WireJson.MAPPER.convertValue(receipt.result(), Map.class);
        });
    }

    @FunctionalInterface
    private interface Work {
        Map<?, ?> run();
    }

    private static final RepeatedWarnings REFUSALS = new RepeatedWarnings(LOG);

    private Response handle(String source, Work work) {
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

    private static Response error(int status, String message, String correlationId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", message);
        body.put("correlation_id", correlationId);
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(body).header("X-Correlation-Id", correlationId).build();
    }
}
