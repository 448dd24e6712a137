package com.opulenthorizons.gateway.webhook;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import org.eclipse.microprofile.config.Config;

import com.opulenthorizons.gateway.common.SharedSecrets;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** The shared secrets of each webhook source, each setting read as {@link SharedSecrets#parse} reads it. */
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
        return lookup.apply(source.secretKey()).map(SharedSecrets::parse).orElse(List.of());
    }
}
