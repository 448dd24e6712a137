package com.opulenthorizons.gateway.zoho.client;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;

/**
 * Zoho CRM's Leads API (v8), as a MicroProfile REST Client relative to {@code ZOHO_API_BASE}.
 * Bodies travel as JSON text, parsed by {@link ZohoLeads}; every answer other than 200/201/207
 * becomes a {@link ZohoException} through {@link ZohoResponseExceptionMapper}. The
 * {@code Authorization} value is {@code Zoho-oauthtoken <token>}: the gateway's own Zoho token,
 * never a client's.
 */
@RegisterProvider(ZohoResponseExceptionMapper.class)
@Path("/Leads")
public interface ZohoApi extends AutoCloseable {

    /** {@code {"data":[{...}]}}; 204 (no such lead) arrives as {@link ZohoException.Kind#NOT_FOUND}. */
    @GET
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    String getLead(@HeaderParam("Authorization") String authorization, @PathParam("id") String id);

    /**
     * {@code {"data":[...], "duplicate_check_fields":[...], "trigger":[...]}}; answers one result
     * per record ({@code SUCCESS} or {@code INVALID_DATA}; 207 when mixed).
     */
    @POST
    @Path("/upsert")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    String upsert(@HeaderParam("Authorization") String authorization, String body);

    /** Search by email or phone; 204 when nothing matches. */
    @GET
    @Path("/search")
    @Produces(MediaType.APPLICATION_JSON)
    String search(@HeaderParam("Authorization") String authorization, @QueryParam("email") String email,
            @QueryParam("phone") String phone);
}
