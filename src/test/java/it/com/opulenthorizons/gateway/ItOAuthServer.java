package it.com.opulenthorizons.gateway;

import java.net.InetAddress;
import java.net.UnknownHostException;

import no.nav.security.mock.oauth2.MockOAuth2Server;

/**
 * The integration tests' identity provider: mock-oauth2-server, a real OAuth 2.1 / OpenID Connect
 * server (discovery, JWKS, token endpoint, signed tokens), in this test JVM on {@code it.oauth.port},
 * where the Liberty test server's {@code mp.jwt.verify.*} settings point. Its issuer id is
 * {@link #ISSUER_ID}. Started when the failsafe run opens, stopped when it closes.
 */
public class ItOAuthServer extends ItStandIn {

    public static final String ISSUER_ID = "gateway-it";
    private static MockOAuth2Server server;

    public ItOAuthServer() {
        super("it.oauth.port");
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
            server = new MockOAuth2Server();
            try {
                server.start(InetAddress.getByName("127.0.0.1"), port);
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static synchronized void stop() {
        if (server != null) {
            server.shutdown();
            server = null;
        }
    }

    public static synchronized MockOAuth2Server server() {
        if (server == null) {
            throw new IllegalStateException("the test identity provider is not running (no it.oauth.port system property)");
        }
        return server;
    }
}
