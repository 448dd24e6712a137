package com.opulenthorizons.gateway.webhook;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import org.eclipse.microprofile.config.Config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The shared secrets of each webhook source. A value may hold several comma-separated secrets,
 * so that a new one can be rolled out before the old one is retired.
 */
@ApplicationScoped
public class WebhookSecrets {

    private Function<String, Optional<String>> lookup;

    protected WebhookSecrets() {
        // for CDI proxies
    }

    @Inject
    public WebhookSecrets(Config config) {
        this(key -> config.getOptionalValue(key, String.class));
    }

    /** @param lookup reads a configuration value by key */
    public WebhookSecrets(Function<String, Optional<String>> lookup) {
        this.lookup = lookup;
    }

    /** Read on each call, so a rotated secret applies without a restart when the config source allows. */
    public List<byte[]> secretsOf(WebhookSource source) {
        Optional<String> value = lookup.apply(source.secretKey());
        return value.map(v -> Arrays.stream(v.split(","))
                        .map(String::trim)
                        .filter(s -> !s.isEmpty())
                        .map(s -> s.getBytes(StandardCharsets.UTF_8))
                        .toList())
                .orElse(List.of());
    }
}
