package com.opulenthorizons.gateway.webform;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

import com.opulenthorizons.gateway.common.Correlation;
import com.opulenthorizons.gateway.common.InvalidArgumentException;
import com.opulenthorizons.gateway.common.WireJson;
import com.opulenthorizons.gateway.store.StoreUnavailableException;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.core.JacksonException;

/**
 * POST /leads/web, the website form: JSON or {@code application/x-www-form-urlencoded}. Public by
 * design; what keeps abuse out is CORS and an Origin check against WEB_FORM_ALLOWED_ORIGINS, the
 * honeypot, the optional CAPTCHA, the body size limit (WebhookBodyLimitFilter) and the per-IP rate
 * limit of {@code /leads/*}. Answers 201 {@code {"ingest_id"}} (never the OHID), or 303 to
 * WEB_FORM_THANK_YOU_URL for a plain HTML form; 400 naming the field; 403 for a foreign origin;
 * 415 for another body type; 503 when the store or the CAPTCHA service is down.
 */
@WebServlet(urlPatterns = "/leads/web", asyncSupported = true)
public class WebFormServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(WebFormServlet.class.getName());
    private static final String URLENCODED = "application/x-www-form-urlencoded";

    @Inject
    transient WebFormConfig config;
    @Inject
    transient WebFormService service;

    /** The CORS preflight: allowed origins may POST with Content-Type and Idempotency-Key. */
    @Override
    protected void doOptions(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String origin = request.getHeader("Origin");
        response.setHeader("Vary", "Origin");
        if (origin == null || !config.originAllowed(origin)) {
            response.setStatus(HttpServletResponse.SC_FORBIDDEN);
            return;
        }
        allowOrigin(response, origin);
        response.setHeader("Access-Control-Allow-Methods", "POST");
        response.setHeader("Access-Control-Allow-Headers", "Content-Type, Idempotency-Key");
        response.setHeader("Access-Control-Max-Age", "600");
        response.setStatus(HttpServletResponse.SC_NO_CONTENT);
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String correlationId = Correlation.newId();
        response.setHeader("X-Correlation-Id", correlationId);
        response.setHeader("Vary", "Origin");
        String origin = request.getHeader("Origin");
        if (origin != null) {
            if (!config.originAllowed(origin)) {
                error(response, HttpServletResponse.SC_FORBIDDEN, "Origin: this site may not post the form", correlationId);
                return;
            }
            allowOrigin(response, origin);
        }
        String type = mediaType(request.getContentType());
        try (Correlation.Scope scope = Correlation.open(correlationId)) {
            Map<String, Object> fields;
            if ("application/json".equals(type)) {
                fields = json(request.getInputStream().readAllBytes());
            } else if (URLENCODED.equals(type)) {
                fields = urlencoded(new String(request.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            } else {
                error(response, 415, "Content-Type: must be application/json or " + URLENCODED, correlationId);
                return;
            }
            WebFormReceipt receipt = service.submit(new WebFormSubmission(fields, request.getHeader("Idempotency-Key"),
                    origin, request.getRemoteAddr()));
            if (URLENCODED.equals(type) && config.thankYouUrl().isPresent()) {
                response.setStatus(HttpServletResponse.SC_SEE_OTHER);
                response.setHeader("Location", config.thankYouUrl().get().toString());
                return;
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("ingest_id", receipt.ingestId().toString());
            body.put("status", "received");
            write(response, HttpServletResponse.SC_CREATED, body);
        } catch (InvalidArgumentException e) {
            error(response, HttpServletResponse.SC_BAD_REQUEST, e.getMessage(), correlationId);
        } catch (StoreUnavailableException | CaptchaUnavailableException e) {
            LOG.warning("correlation_id=" + correlationId + " web form not stored: " + e.getMessage());
            error(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "the lead could not be stored now; send it again", correlationId);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "correlation_id=" + correlationId + " web form failed", e);
            error(response, HttpServletResponse.SC_INTERNAL_SERVER_ERROR,
                    "internal error; the server log has the details under this correlation id", correlationId);
        }
    }

    private static void allowOrigin(HttpServletResponse response, String origin) {
        response.setHeader("Access-Control-Allow-Origin", origin.trim());
        response.setHeader("Access-Control-Expose-Headers", "X-Correlation-Id");
    }

    private static String mediaType(String contentType) {
        return contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    }

    static Map<String, Object> json(byte[] body) {
        try {
            if (WireJson.PLAIN.readValue(body, Object.class) instanceof Map<?, ?> map) {
                Map<String, Object> fields = new LinkedHashMap<>();
                map.forEach((k, v) -> fields.put(String.valueOf(k), v));
                return fields;
            }
        } catch (JacksonException e) {
            throw InvalidArgumentException.several("body: not valid JSON");
        }
        throw InvalidArgumentException.several("body: must be a JSON object");
    }

    /** {@code a=1&b=2}, UTF-8; a field sent more than once keeps its first value. */
    static Map<String, Object> urlencoded(String body) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                fields.putIfAbsent(name, value);
            } catch (IllegalArgumentException e) {
                throw InvalidArgumentException.several("body: not valid " + URLENCODED);
            }
        }
        return fields;
    }

    private static void error(HttpServletResponse response, int status, String message, String correlationId) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", message);
        body.put("correlation_id", correlationId);
        write(response, status, body);
    }

    private static void write(HttpServletResponse response, int status, Map<String, Object> body) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getOutputStream().write(WireJson.PLAIN.writeValueAsBytes(body));
    }
}
