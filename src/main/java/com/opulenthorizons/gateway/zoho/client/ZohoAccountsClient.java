package com.opulenthorizons.gateway.zoho.client;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;

import com.opulenthorizons.gateway.common.WireJson;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The token endpoint of Zoho's accounts server, asked with the refresh-token grant. Its failures
 * are never {@link ZohoRetryableException}s: the call-level {@code @Retry} must not multiply token
 * requests, as Zoho blocks a refresh token asked more than 5 times a minute. Secrets travel in the
 * form body only, never in a URL, a message or a log line.
 */
public class ZohoAccountsClient {

    /** How long the one token request may take. */
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);
    private static final JsonMapper JSON = WireJson.PLAIN;

    private final ZohoOAuthSettings settings;
    private final Clock clock;
    private final HttpClient http;

    public ZohoAccountsClient(ZohoOAuthSettings settings, Clock clock, HttpClient http) {
        this.settings = settings;
        this.clock = clock;
        this.http = http;
    }

    /**
     * Sends one token request; it runs on the HTTP client's own threads, for up to
     * {@link #REQUEST_TIMEOUT}, whoever waits for it. Completes with the new token, or
     * exceptionally with a {@link ZohoException}: AUTH_FAILED when Zoho refuses the grant,
     * SERVER_ERROR for a 5xx, UNREACHABLE or TIMEOUT when the accounts server cannot be reached.
     */
    public CompletableFuture<ZohoToken> requestToken() {
        CompletableFuture<HttpResponse<String>> sent;
        try {
            sent = http.sendAsync(tokenRequest(), HttpResponse.BodyHandlers.ofString());
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        CompletableFuture<ZohoToken> answer = new CompletableFuture<>();
        sent.whenComplete((response, error) -> {
            try {
                if (error != null) {
                    throw transportFailure(error);
                }
                answer.complete(readToken(response));
            } catch (RuntimeException e) {
                answer.completeExceptionally(refreshFailure(e));
            }
        });
        return answer;
    }

    /** A failed refresh as a {@link ZohoException}: itself when it is one, else AUTH_FAILED naming its type. */
    public static ZohoException refreshFailure(Throwable e) {
        return e instanceof ZohoException zoho ? zoho
                : new ZohoException(ZohoException.Kind.AUTH_FAILED, "Zoho token refresh failed: " + e.getClass().getSimpleName(), e);
    }

    private ZohoException transportFailure(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof HttpTimeoutException) {
            return new ZohoException(ZohoException.Kind.TIMEOUT, "Zoho accounts server " + settings.tokenUrl()
                    + " issued no access token within " + REQUEST_TIMEOUT.toSeconds() + " s", cause);
        }
        // not a ZohoRetryableException: the call-level @Retry must not repeat token requests
        return new ZohoException(ZohoException.Kind.UNREACHABLE, "Zoho accounts server " + settings.tokenUrl()
                + " could not be reached: " + cause.getClass().getSimpleName(), cause);
    }

    private HttpRequest tokenRequest() {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "refresh_token");
        form.put("client_id", settings.clientId().orElseThrow());
        form.put("client_secret", settings.clientSecret().orElseThrow());
        form.put("refresh_token", settings.refreshToken().orElseThrow());
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return HttpRequest.newBuilder(URI.create(settings.tokenUrl()))
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    /** The token in Zoho's answer; a refusal or a 5xx is a (non-retryable) ZohoException. */
    private ZohoToken readToken(HttpResponse<String> response) {
        Map<?, ?> json = parse(response.body());
        Object accessToken = json.get("access_token");
        if (response.statusCode() != 200 || !(accessToken instanceof String value) || value.isBlank()) {
            // Zoho reports refresh failures as {"error":"invalid_client"} (sometimes with status 200)
            String error = json.get("error") instanceof String e ? e : "no access_token in the answer";
            String message = "Zoho token refresh failed: HTTP " + response.statusCode() + " " + error;
            ZohoException.Kind kind = response.statusCode() >= 500 ? ZohoException.Kind.SERVER_ERROR : ZohoException.Kind.AUTH_FAILED;
            throw new ZohoException(kind, response.statusCode(), error, message, null);
        }
        long expiresIn = json.get("expires_in") instanceof Number n ? n.longValue() : 3600L;
        return new ZohoToken(value, clock.instant().plusSeconds(expiresIn));
    }

    private static Map<?, ?> parse(String body) {
        try {
            Object value = JSON.readValue(body == null || body.isBlank() ? "{}" : body, Object.class);
            return value instanceof Map<?, ?> map ? map : Map.of();
        } catch (JacksonException e) {
            return Map.of("error", "the answer is not JSON");
        }
    }
}
