package it.com.opulenthorizons.gateway;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Something the integration tests run in this test JVM for the Liberty test server to talk to (a
 * database, a stand-in for an outside service), on the port that failsafe passes as a system
 * property and the server is configured with. Opened when the failsafe run opens, closed when it
 * closes; inactive in unit test runs, which have no such property.
 */
public abstract class ItStandIn implements LauncherSessionListener {

    private final String portProperty;

    protected ItStandIn(String portProperty) {
        this.portProperty = portProperty;
    }

    /** The port {@code property} names, or null outside a failsafe run. */
    protected static Integer port(String property) {
        String port = System.getProperty(property);
        return port == null ? null : Integer.valueOf(port);
    }

    @Override
    public final void launcherSessionOpened(LauncherSession session) {
        Integer port = port(portProperty);
        if (port != null) {
            open(port);
        }
    }

    @Override
    public final void launcherSessionClosed(LauncherSession session) {
        if (port(portProperty) != null) {
            close();
        }
    }

    protected abstract void open(int port);

    protected abstract void close();
}
