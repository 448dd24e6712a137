package it.com.opulenthorizons.gateway;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.opulenthorizons.gateway.testing.FakeCaptcha;

/**
 * The stand-in for Cloudflare Turnstile's siteverify: WireMock in this test JVM on the port the
 * Liberty test server's WEB_FORM_CAPTCHA_VERIFY_URL points at ({@code it.captcha.port}), answering
 * as {@link FakeCaptcha#standard()} says.
 */
public class ItCaptcha extends ItStandIn {

    private static WireMockServer server;

    public ItCaptcha() {
        super("it.captcha.port");
    }

    @Override
    protected synchronized void open(int port) {
        if (server == null) {
            server = new WireMockServer(options().port(port).bindAddress("127.0.0.1"));
            server.start();
            new FakeCaptcha(server).standard();
        }
    }

    @Override
    protected synchronized void close() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }
}
