package com.opulenthorizons.gateway.webhook;

import java.util.Map;

import com.opulenthorizons.gateway.common.WireJson;
import com.opulenthorizons.gateway.events.CallEventResult;

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

    private static Response handle(String source, WebhookAnswers.Work work) {
        return WebhookAnswers.handle(source, work);
    }
}
