package com.opulenthorizons.gateway.zoho.client;

import java.util.Map;

import org.eclipse.microprofile.rest.client.ext.ResponseExceptionMapper;

import com.opulenthorizons.gateway.common.WireJson;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Maps Zoho's answers to {@link ZohoException}s as Zoho means them: 204 is "no such record",
 * 401 {@code INVALID_TOKEN} an expired or revoked token (the only answer that is worth a token
 * refresh), any other 401 ({@code OAUTH_SCOPE_MISMATCH}, {@code AUTHENTICATION_FAILURE}, ...) an
 * authorisation failure that no refresh or retry will change, 429 and 5xx retryable, any other
 * 4xx a refusal that no retry will change. The body is kept (Zoho puts per-record results there, e.g.
 * {@code INVALID_DATA} for an upsert), but never echoed into messages beyond Zoho's code and text.
 */
public class ZohoResponseExceptionMapper implements ResponseExceptionMapper<ZohoException> {

    private static final JsonMapper JSON = WireJson.PLAIN;
    private static final String INVALID_TOKEN = "INVALID_TOKEN";
    /**
     * The OAuth scopes the gateway's Zoho calls need, and no more: read and search Leads (READ),
     * and upsert them (CREATE for a new lead, WRITE for an existing one).
     */
    public static final String REQUIRED_SCOPE = "ZohoCRM.modules.leads.READ,ZohoCRM.modules.leads.CREATE,ZohoCRM.modules.leads.WRITE";

    @Override
    public boolean handles(int status, MultivaluedMap<String, Object> headers) {
        return status == 204 || status >= 400;
    }

    @Override
    public ZohoException toThrowable(Response response) {
        int status = response.getStatus();
        String body = response.hasEntity() ? response.readEntity(String.class) : "";
        return map(status, body);
    }

    /** The exception for one Zoho answer; public for the tests of the mapping. */
    public static ZohoException map(int status, String body) {
        String code = null;
        String text = null;
        Map<?, ?> json = parse(body);
        if (json != null) {
            code = json.get("code") instanceof String c ? c : null;
            text = json.get("message") instanceof String m ? m : null;
        }
        String zohoSays = code == null ? "HTTP " + status : "HTTP " + status + " " + code + (text == null ? "" : " (" + text + ")");
        if (status == 204) {
            return new ZohoException(ZohoException.Kind.NOT_FOUND, status, null, "Zoho has no such record", body);
        }
        if (status == 401 && INVALID_TOKEN.equals(code)) {
            return new ZohoException(ZohoException.Kind.INVALID_TOKEN, status, code,
                    "Zoho refused the access token: " + zohoSays, body);
        }
        if (status == 401) {
            return new ZohoException(ZohoException.Kind.AUTH_FAILED, status, code, unauthorized(code, zohoSays), body);
        }
        if (status == 429) {
            return new ZohoRetryableException(ZohoException.Kind.RATE_LIMITED, status, code,
                    "Zoho rate limit reached: " + zohoSays, body);
        }
        if (status >= 500) {
            return new ZohoRetryableException(ZohoException.Kind.SERVER_ERROR, status, code,
                    "Zoho server error: " + zohoSays, body);
        }
        return new ZohoException(ZohoException.Kind.REJECTED, status, code, "Zoho refused the request: " + zohoSays, body);
    }

    /** A 401 other than INVALID_TOKEN: what Zoho said, and what to change. */
    private static String unauthorized(String code, String zohoSays) {
        if ("OAUTH_SCOPE_MISMATCH".equals(code)) {
            return "Zoho refused the call: " + zohoSays + "; the refresh token lacks the scope this call needs: "
                    + "generate it with the scope " + REQUIRED_SCOPE;
        }
        return "Zoho refused the gateway's credentials: " + zohoSays
                + "; check ZOHO_CLIENT_ID, ZOHO_REFRESH_TOKEN, their data centre and the scope " + REQUIRED_SCOPE;
    }

    private static Map<?, ?> parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            Object value = JSON.readValue(body, Object.class);
            return value instanceof Map<?, ?> map ? map : null;
        } catch (JacksonException e) {
            return null; // not JSON (an HTML error page from a proxy): the status alone tells the story
        }
    }
}
