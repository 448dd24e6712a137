package it.com.opulenthorizons.gateway;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.opulenthorizons.gateway.testing.FakeCaptcha;

/**
 * The integration tests' stand-ins for Meta's Graph API ({@code it.graph.port}, where the test
 * server's META_GRAPH_BASE points) and Cloudflare Turnstile's siteverify ({@code it.captcha.port},
 * WEB_FORM_CAPTCHA_VERIFY_URL): WireMock in this test JVM, started when the failsafe run opens and
 * stopped when it closes; inactive in unit test runs. Each test stubs the Graph answers it needs.
 */
public class ItStandIns implements LauncherSessionListener {

    private static WireMockServer graph;
    private static WireMockServer captcha;

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        String graphPort = System.getProperty("it.graph.port");
        String captchaPort = System.getProperty("it.captcha.port");
        if (graphPort != null && captchaPort != null) {
            start(Integer.parseInt(graphPort), Integer.parseInt(captchaPort));
        }
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        stop();
    }

    private static synchronized void start(int graphPort, int captchaPort) {
        if (graph == null) {
            graph = new WireMockServer(options().port(graphPort).bindAddress("127.0.0.1"));
            graph.start();
            captcha = new WireMockServer(options().port(captchaPort).bindAddress("127.0.0.1"));
            captcha.start();
            new FakeCaptcha(captcha).standard();
        }
    }

    private static synchronized void stop() {
        if (graph != null) {
            graph.stop();
            captcha.stop();
            graph = null;
            captcha = null;
        }
    }

    /** The stand-in Graph API the gateway under test fetches leads from. */
    public static synchronized WireMockServer graph() {
        if (graph == null) {
            throw new IllegalStateException("the stand-in Graph API is not running (no it.graph.port system property)");
        }
        return graph;
    }

    public static synchronized FakeCaptcha captcha() {
        if (captcha == null) {
            throw new IllegalStateException("the stand-in Turnstile is not running (no it.captcha.port system property)");
        }
        return new FakeCaptcha(captcha);
    }
}
