package com.opulenthorizons.gateway.meta.graph;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.rest.client.ext.ResponseExceptionMapper;

import com.opulenthorizons.gateway.common.WireJson;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import tools.jackson.core.JacksonException;

/**
 * Reads Graph's error envelope, {@code {"error":{"message","type","code","error_subcode","is_transient","fbtrace_id"}}},
 * into a {@link GraphException} of the right {@link GraphException.Kind}: Graph's codes decide, the
 * HTTP status only where there is no envelope (a proxy's error page).
 */
public class GraphResponseExceptionMapper implements ResponseExceptionMapper<GraphException> {

    /** Where Graph says how throttled a business use case is, and for how long. */
    public static final String BUSINESS_USE_CASE_USAGE = "X-Business-Use-Case-Usage";

    @Override
    public boolean handles(int status, MultivaluedMap<String, Object> headers) {
        return status >= 300;
    }

    @Override
    public GraphException toThrowable(Response response) {
        return map(response.getStatus(), response.hasEntity() ? response.readEntity(String.class) : "",
                response.getHeaderString(BUSINESS_USE_CASE_USAGE));
    }

    /** As {@link #map(int, String, String)} without a usage header. */
    public static GraphException map(int status, String body) {
        return map(status, body, null);
    }

    /**
     * The exception for one Graph answer; public for the tests of the mapping.
     *
     * @param usage the {@value #BUSINESS_USE_CASE_USAGE} header, or null
     */
    public static GraphException map(int status, String body, String usage) {
        Map<?, ?> error = envelope(body);
        Integer code = error == null ? null : number(error.get("code"));
        Integer subcode = error == null ? null : number(error.get("error_subcode"));
        boolean transientFlag = error != null && Boolean.TRUE.equals(error.get("is_transient"));
        String says = "HTTP " + status + (error == null ? "" : ", code " + code + (subcode == null ? "" : "/" + subcode)
                + " " + error.get("type") + ": " + error.get("message") + " (fbtrace_id " + error.get("fbtrace_id") + ")");
        if (status == 429 || isThrottling(code)) {
            return new GraphException(GraphException.Kind.THROTTLED, status, code, "Graph API rate limit reached: " + says,
                    regainAccessIn(usage));
        }
        if (isPermission(code)) {
            return new GraphException(GraphException.Kind.PERMISSION, status, code, "Graph API refused the page access token: "
                    + says + "; check META_PAGE_ACCESS_TOKEN, its leads_retrieval permission and the page's lead access");
        }
        if (status >= 500 || transientFlag || (code != null && (code == 1 || code == 2))) {
            return new GraphTransientException(status, code, "Graph API failed: " + says);
        }
        if (code != null && code == 100 && subcode != null && subcode == 33) {
            return new GraphException(GraphException.Kind.NOT_FOUND, status, code, "Graph API has no such lead: " + says);
        }
        return new GraphException(GraphException.Kind.REJECTED, status, code, "Graph API refused the request: " + says);
    }

    /** Application (4), user (17), page (32), custom (613) and business use case (80000-80014) rate limits. */
    static boolean isThrottling(Integer code) {
        return code != null && (code == 4 || code == 17 || code == 32 || code == 613 || (code >= 80000 && code <= 80014));
    }

    /** Permission (10, 200-299) and access-token (190, 102) errors. */
    static boolean isPermission(Integer code) {
        return code != null && (code == 10 || code == 190 || code == 102 || (code >= 200 && code <= 299));
    }

    /**
     * The longest {@code estimated_time_to_regain_access} (minutes) of the header
     * {@code {"<business id>":[{"type":"pages","call_count":..,"estimated_time_to_regain_access":5}]}}; null when none.
     */
    static Duration regainAccessIn(String usage) {
        if (usage == null || usage.isBlank()) {
            return null;
        }
        long minutes = 0;
        try {
            if (WireJson.PLAIN.readValue(usage, Object.class) instanceof Map<?, ?> byBusiness) {
                for (Object uses : byBusiness.values()) {
                    if (uses instanceof List<?> list) {
                        for (Object use : list) {
                            if (use instanceof Map<?, ?> m && m.get("estimated_time_to_regain_access") instanceof Number n) {
                                minutes = Math.max(minutes, n.longValue());
                            }
                        }
                    }
                }
            }
        } catch (JacksonException e) {
            return null; // a header we cannot read only loses the hint; the backoff schedule still applies
        }
        return minutes > 0 ? Duration.ofMinutes(minutes) : null;
    }

    private static Map<?, ?> envelope(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return WireJson.PLAIN.readValue(body, Object.class) instanceof Map<?, ?> json && json.get("error") instanceof Map<?, ?> e
                    ? e : null;
        } catch (JacksonException e) {
            return null; // not JSON (an HTML page from a proxy): the status alone tells the story
        }
    }

    private static Integer number(Object o) {
        return o instanceof Number n ? n.intValue() : null;
    }
}
