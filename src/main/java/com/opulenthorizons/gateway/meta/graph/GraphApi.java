package com.opulenthorizons.gateway.meta.graph;

import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * Meta's Graph API, as much of it as lead ads need: one lead by its id, as a MicroProfile REST
 * Client relative to {@code META_GRAPH_BASE}. The page access token travels in the
 * {@code Authorization: Bearer} header (never in the URL, which proxies log). Every answer other
 * than 200 becomes a {@link GraphException} through {@link GraphResponseExceptionMapper}.
 */
@RegisterProvider(GraphResponseExceptionMapper.class)
public interface GraphApi extends AutoCloseable {

    /**
     * {@code {"id","created_time","ad_id","form_id","field_data":[{"name","values":[..]}],...}}.
     *
     * @param appsecretProof hex HMAC-SHA256 of the token keyed by the app secret, for apps that require it; null to leave out
     */
    @GET
    @Path("/{version}/{leadgenId}")
    @Produces(MediaType.APPLICATION_JSON)
    String lead(@HeaderParam("Authorization") String authorization, @PathParam("version") String version,
            @PathParam("leadgenId") String leadgenId, @QueryParam("fields") String fields,
            @QueryParam("appsecret_proof") String appsecretProof);
}
