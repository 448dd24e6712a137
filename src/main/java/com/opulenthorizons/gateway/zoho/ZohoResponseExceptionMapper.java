package com.opulenthorizons.gateway.zoho;

import java.util.Map;

import org.eclipse.microprofile.rest.client.ext.ResponseExceptionMapper;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Maps Zoho's answers to {@link ZohoException}s as Zoho means them: 204 is "no such record",
 * 401 {@code INVALID_TOKEN} an expired or revoked token, 429 and 5xx retryable, any other 4xx a
 * refusal that no retry will change. The body is kept (Zoho puts per-record results there, e.g.
 * {@code INVALID_DATA} for an upsert), but never echoed into messages beyond Zoho's code and text.
 */
public class ZohoResponseExceptionMapper implements ResponseExceptionMapper<ZohoException> {

    private static final JsonMapper JSON = JsonMapper.shared();

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
        if (status == 401) {
            return new ZohoException(ZohoException.Kind.INVALID_TOKEN, status, code,
                    "Zoho refused the access token: " + zohoSays, body);
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
