package it.com.opulenthorizons.gateway;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.opulenthorizons.gateway.zoho.FakeZoho;

/**
 * The fake Zoho CRM of the integration tests: WireMock in this test JVM on the fixed port the
 * Liberty test server's ZOHO_API_BASE and ZOHO_TOKEN_URL point at ({@code it.zoho.port}).
 * Started when the failsafe run opens, stopped when it closes; inactive in unit test runs.
 */
public class ItZoho extends ItStandIn {

    private static WireMockServer server;

    public ItZoho() {
        super("it.zoho.port");
    }

    @Override
    protected void open(int port) {
        start(port);
    }

    @Override
    protected void close() {
        stop();
    }

    private static synchronized void start(int port) {
        if (server == null) {
            server = new WireMockServer(options().port(port).bindAddress("127.0.0.1").containerThreads(40));
            server.start();
        }
    }

    private static synchronized void stop() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    /** The fake Zoho the gateway under test talks to. */
    public static synchronized FakeZoho zoho() {
        if (server == null) {
            throw new IllegalStateException("the fake Zoho is not running (no it.zoho.port system property)");
        }
        return new FakeZoho(server);
    }
}
