package it.com.opulenthorizons.gateway;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.opulenthorizons.gateway.zoho.FakeZoho;

/**
 * The fake Zoho CRM of the integration tests: WireMock in this test JVM on the fixed port the
 * Liberty test server's ZOHO_API_BASE and ZOHO_TOKEN_URL point at ({@code it.zoho.port}).
 * Started when the failsafe run opens, stopped when it closes; inactive in unit test runs.
 */
public class ItZoho implements LauncherSessionListener {

    private static WireMockServer server;

    private static Integer port() {
        String port = System.getProperty("it.zoho.port");
        return port == null ? null : Integer.valueOf(port);
    }

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        if (port() != null) {
            start();
        }
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        stop();
    }

    private static synchronized void start() {
        if (server == null) {
            server = new WireMockServer(options().port(port()).bindAddress("127.0.0.1").containerThreads(40));
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
