package com.opulenthorizons.gateway.meta;

import com.opulenthorizons.gateway.webhook.WebhookAnswers;
import com.opulenthorizons.gateway.webhook.WebhookRejectedException;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * GET and POST /webhooks/meta, Meta's lead ads webhook: GET answers the subscription handshake
 * with {@code hub.challenge} as plain text (403 for a wrong token); POST answers 200 once the
 * notifications are stored, 401 for a bad or missing signature (nothing stored), 400 for a body
 * that is not a page notification, 503 when the secret or the store is missing (Meta retries).
 */
@Path("meta")
@RequestScoped
public class MetaWebhookResource {

    @Inject
    MetaWebhookReceiver receiver;

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public Response verify(@QueryParam("hub.mode") String mode, @QueryParam("hub.verify_token") String token,
            @QueryParam("hub.challenge") String challenge) {
        try {
            return Response.ok(receiver.verifySubscription(mode, token, challenge), MediaType.TEXT_PLAIN).build();
        } catch (WebhookRejectedException e) {
            return Response.status(e.status()).type(MediaType.TEXT_PLAIN).entity(e.getMessage()).build();
        }
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response notify(byte[] body, @HeaderParam("X-Hub-Signature-256") String signature) {
        return WebhookAnswers.handle("meta", () -> receiver.receive(body, signature));
    }
}
