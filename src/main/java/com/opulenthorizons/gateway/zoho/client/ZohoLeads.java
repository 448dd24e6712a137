package com.opulenthorizons.gateway.zoho.client;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

import com.opulenthorizons.gateway.common.LogSafeText;
import com.opulenthorizons.gateway.common.WireJson;

import jakarta.ws.rs.ProcessingException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Zoho's Leads calls with the gateway's token, and Zoho's answers read as Zoho means them. After
 * a 401 {@code INVALID_TOKEN} (and only that 401) the token is refreshed once and the call made
 * once more. Transport failures become {@link ZohoException}s (connection errors retryable, read
 * timeouts {@link ZohoTimeoutException}s, which are not retried but count against the circuit breaker).
 * No fault tolerance here: the zoho package's {@code ZohoClient} adds it around these calls.
 */
public class ZohoLeads {

    private static final JsonMapper JSON = WireJson.PLAIN;

    private final ZohoApi api;
    private final ZohoAccessTokens tokens;
    private final String apiBase;

    public ZohoLeads(ZohoApi api, ZohoAccessTokens tokens, String apiBase) {
        this.api = api;
        this.tokens = tokens;
        this.apiBase = apiBase;
    }

    /** The lead, or empty when Zoho answers 204. */
    public Optional<Map<String, Object>> get(String id) {
        try {
            String body = withToken(authorization -> api.getLead(authorization, id));
            List<Map<String, Object>> data = data(body);
            return data.isEmpty() ? Optional.empty() : Optional.of(data.get(0));
        } catch (ZohoException e) {
            if (e.kind() == ZohoException.Kind.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Leads with this email or phone; empty when Zoho answers 204. */
    public List<Map<String, Object>> search(String email, String phone) {
        try {
            return data(withToken(authorization -> api.search(authorization, email, phone)));
        } catch (ZohoException e) {
            if (e.kind() == ZohoException.Kind.NOT_FOUND) {
                return List.of();
            }
            throw e;
        }
    }

    /** One outcome per record, in order; a 400 whose body holds per-record results is read, not thrown. */
    public List<ZohoUpsertOutcome> upsert(List<Map<String, Object>> records, List<String> duplicateCheckFields,
            List<String> triggers) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("data", records);
        request.put("duplicate_check_fields", duplicateCheckFields);
        request.put("trigger", triggers);
        String payload = JSON.writeValueAsString(request);
        String body;
        try {
            body = withToken(authorization -> api.upsert(authorization, payload));
        } catch (ZohoException e) {
            if (e.kind() == ZohoException.Kind.REJECTED && !data(e.body()).isEmpty()) {
                body = e.body(); // every record refused, e.g. all INVALID_DATA
            } else {
                throw e;
            }
        }
        List<ZohoUpsertOutcome> outcomes = new ArrayList<>();
        for (Map<String, Object> item : data(body)) {
            outcomes.add(outcome(item));
        }
        return outcomes;
    }

    private static ZohoUpsertOutcome outcome(Map<String, Object> item) {
        String code = item.get("code") instanceof String c ? c : null;
        String message = item.get("message") instanceof String m ? m : null;
        Map<?, ?> details = item.get("details") instanceof Map<?, ?> d ? d : Map.of();
        if ("SUCCESS".equals(code)) {
            String id = details.get("id") == null ? null : String.valueOf(details.get("id"));
            String action = item.get("action") instanceof String a ? a : null;
            return new ZohoUpsertOutcome(true, id, action, code, message, null);
        }
        String field = details.get("api_name") instanceof String f ? f : null;
        return new ZohoUpsertOutcome(false, null, null, code, message, field);
    }

    /** Calls with the current token; after INVALID_TOKEN, refreshes once and calls once more. */
    private String withToken(Function<String, String> call) {
        ZohoToken token = tokens.token();
        try {
            return transport(() -> call.apply(token.header()));
        } catch (ZohoException e) {
            if (e.kind() != ZohoException.Kind.INVALID_TOKEN) {
                throw e;
            }
            ZohoToken fresh = tokens.refreshAfterRejection(token);
            try {
                return transport(() -> call.apply(fresh.header()));
            } catch (ZohoException again) {
                if (again.kind() == ZohoException.Kind.INVALID_TOKEN) {
                    throw new ZohoException(ZohoException.Kind.AUTH_FAILED, again.status(), again.code(),
                            "Zoho refused a freshly refreshed access token (" + again.code()
                                    + "); check the refresh token's scope (" + ZohoResponseExceptionMapper.REQUIRED_SCOPE
                                    + ") and the data centre of ZOHO_API_BASE",
                            null);
                }
                throw again;
            }
        }
    }

    private String transport(Supplier<String> call) {
        try {
            return call.get();
        } catch (ProcessingException e) {
            throw transportFailure(e);
        }
    }

    private ZohoException transportFailure(ProcessingException e) {
        if (e.getCause() instanceof ZohoException zoho) {
            return zoho;
        }
        // The first timeout or connection failure in the chain tells which; else the root cause names it.
        Optional<Throwable> first = LogSafeText.firstCause(e, t -> t instanceof SocketTimeoutException
                || t instanceof HttpTimeoutException || t instanceof ConnectException);
        if (first.isPresent() && !(first.get() instanceof ConnectException)) {
            return new ZohoTimeoutException("Zoho did not answer in time (" + apiBase + ")", e);
        }
        Throwable named = first.orElseGet(() -> LogSafeText.rootCause(e));
        return new ZohoRetryableException(ZohoException.Kind.UNREACHABLE,
                "Zoho at " + apiBase + " could not be reached: " + named.getClass().getSimpleName(), e);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> data(String body) {
        if (body == null || body.isBlank()) {
            return List.of();
        }
        try {
            Object value = JSON.readValue(body, Object.class);
            if (value instanceof Map<?, ?> map && map.get("data") instanceof List<?> list) {
                return list.stream().filter(Map.class::isInstance).map(m -> (Map<String, Object>) m).toList();
            }
            return List.of();
        } catch (JacksonException e) {
            throw new ZohoException(ZohoException.Kind.SERVER_ERROR, 0, null, "Zoho answered something that is not JSON", null);
        }
    }
}
