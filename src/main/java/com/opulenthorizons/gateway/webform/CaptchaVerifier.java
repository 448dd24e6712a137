package com.opulenthorizons.gateway.webform;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.opulenthorizons.gateway.common.WireJson;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import tools.jackson.core.JacksonException;

/**
 * Checks a CAPTCHA token server-side at WEB_FORM_CAPTCHA_VERIFY_URL: a form POST of
 * {@code secret}, {@code response} and {@code remoteip}, answered {@code {"success": bool, "error-codes": [...]}}.
 * Cloudflare Turnstile and Google reCAPTCHA both speak this, so one verifier serves either.
 */
@ApplicationScoped
public class CaptchaVerifier {

    /** What the siteverify endpoint said. */
    public record Verdict(boolean success, List<String> errorCodes) {
    }

    private WebFormConfig config;
    private HttpClient http;

    protected CaptchaVerifier() {
        // for CDI proxies
    }

    @Inject
    public CaptchaVerifier(WebFormConfig config) {
        this.config = config;
        this.http = HttpClient.newBuilder().connectTimeout(config.captchaTimeout()).version(HttpClient.Version.HTTP_1_1).build();
    }

    /**
     * @throws CaptchaUnavailableException when the endpoint cannot be reached or answers no verdict
     */
    public Verdict verify(String secret, String token, String remoteIp) {
        String form = "secret=" + encode(secret) + "&response=" + encode(token) + (remoteIp == null ? "" : "&remoteip=" + encode(remoteIp));
        HttpRequest request = HttpRequest.newBuilder(config.captchaVerifyUrl())
                .timeout(config.captchaTimeout())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new CaptchaUnavailableException("the CAPTCHA service is unreachable: " + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CaptchaUnavailableException("interrupted while checking the CAPTCHA", e);
        }
        try {
            if (response.statusCode() == 200 && WireJson.PLAIN.readValue(response.body(), Object.class) instanceof Map<?, ?> answer
                    && answer.get("success") instanceof Boolean success) {
                List<String> codes = answer.get("error-codes") instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of();
                return new Verdict(success, codes);
            }
        } catch (JacksonException e) {
            // falls through: no verdict
        }
        throw new CaptchaUnavailableException("the CAPTCHA service answered HTTP " + response.statusCode() + " without a verdict", null);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
