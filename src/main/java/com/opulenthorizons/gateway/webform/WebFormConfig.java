package com.opulenthorizons.gateway.webform;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

import org.eclipse.microprofile.config.Config;

import com.opulenthorizons.gateway.common.CommaSeparated;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Website form settings (WEB_FORM_*); defaults in microprofile-config.properties, the CAPTCHA secret from the environment only. */
@ApplicationScoped
public class WebFormConfig {

    static final String DEFAULT_CAPTCHA_VERIFY_URL = "https://challenges.cloudflare.com/turnstile/v0/siteverify";

    /**
     * The form in status://pipeline; serialised with snake_case names.
     *
     * @param allowedOrigins the sites whose pages may post the form
     * @param captchaRequired whether every submission needs a CAPTCHA token (WEB_FORM_CAPTCHA_SECRET set)
     * @param thankYouRedirect whether plain HTML forms are sent to WEB_FORM_THANK_YOU_URL
     */
    public record Report(List<String> allowedOrigins, boolean captchaRequired, boolean thankYouRedirect, String honeypotField) {
    }

    private Function<String, Optional<String>> lookup;

    protected WebFormConfig() {
        // for CDI proxies
    }

    @Inject
    public WebFormConfig(Config config) {
        this(key -> config.getOptionalValue(key, String.class));
    }

    /** @param lookup reads a configuration value by key */
    public WebFormConfig(Function<String, Optional<String>> lookup) {
        this.lookup = lookup;
    }

    public Report report() {
        return new Report(allowedOrigins(), captchaSecret().isPresent(), thankYouUrl().isPresent(), honeypotField());
    }

    private Optional<String> value(String key) {
        return lookup.apply(key).map(String::trim).filter(v -> !v.isEmpty());
    }

    /** Origins as browsers send them ({@code https://www.example.com}), lower case, without a trailing slash. */
    public List<String> allowedOrigins() {
        return CommaSeparated.values(value("WEB_FORM_ALLOWED_ORIGINS").orElse(null)).stream().map(WebFormConfig::normalizeOrigin)
                .toList();
    }

    public boolean originAllowed(String origin) {
        return allowedOrigins().contains(normalizeOrigin(origin));
    }

    static String normalizeOrigin(String origin) {
        String o = origin.trim().toLowerCase(Locale.ROOT);
        return o.endsWith("/") ? o.substring(0, o.length() - 1) : o;
    }

    public Optional<URI> thankYouUrl() {
        return value("WEB_FORM_THANK_YOU_URL").map(URI::create);
    }

    public String honeypotField() {
        return value("WEB_FORM_HONEYPOT_FIELD").orElse("website");
    }

    public Optional<String> captchaSecret() {
        return value("WEB_FORM_CAPTCHA_SECRET");
    }

    public URI captchaVerifyUrl() {
        return URI.create(value("WEB_FORM_CAPTCHA_VERIFY_URL").orElse(DEFAULT_CAPTCHA_VERIFY_URL));
    }

    public Duration captchaTimeout() {
        return Duration.ofMillis(Long.parseLong(value("WEB_FORM_CAPTCHA_TIMEOUT_MS").orElse("5000")));
    }
}
