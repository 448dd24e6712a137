package it.com.opulenthorizons.gateway;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;

/**
 * The stand-in for Meta's Graph API: WireMock in this test JVM on the port the Liberty test
 * server's META_GRAPH_BASE points at ({@code it.graph.port}). Each test stubs the leads and errors
 * it needs, in Graph's wire format (testing/GraphLeads).
 */
public class ItGraph extends ItStandIn {

    private static WireMockServer server;

    public ItGraph() {
        super("it.graph.port");
    }

    @Override
    protected synchronized void open(int port) {
        if (server == null) {
            server = new WireMockServer(options().port(port).bindAddress("127.0.0.1"));
            server.start();
        }
    }

    @Override
    protected synchronized void close() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    /** The stand-in Graph API the gateway under test fetches leads from. */
    public static synchronized WireMockServer graph() {
        if (server == null) {
            throw new IllegalStateException("the stand-in Graph API is not running (no it.graph.port system property)");
        }
        return server;
    }
}
