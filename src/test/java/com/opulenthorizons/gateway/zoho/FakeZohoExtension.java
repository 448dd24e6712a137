package com.opulenthorizons.gateway.zoho;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.util.Map;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import com.github.tomakehurst.wiremock.WireMockServer;

/**
 * A fresh fake Zoho for every test of the Zoho unit tests: a WireMock server on a free port whose
 * token endpoint grants tokens for an hour. Register it as an instance field:
 * {@code @RegisterExtension final FakeZohoExtension fake = new FakeZohoExtension();}
 */
public final class FakeZohoExtension implements BeforeEachCallback, AfterEachCallback {

    private WireMockServer server;
    private FakeZoho zoho;

    @Override
    public void beforeEach(ExtensionContext context) {
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        zoho = new FakeZoho(server);
        zoho.grantsTokens(3600);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    public FakeZoho zoho() {
        return zoho;
    }

    public WireMockServer server() {
        return server;
    }

    /** See {@link FakeZoho#config(Map)}. */
    public ZohoConfig config(Map<String, String> overrides) {
        return zoho.config(overrides);
    }
}
