package it.com.opulenthorizons.gateway;

import java.io.File;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * What the integration tests deploy, and where: the packaged WAR on both servers of
 * src/test/resources/arquillian.xml. Deployed once for the whole run (the suite extension,
 * configured there), not once per test class; the tests reach the servers at the URLs that
 * failsafe passes in (GatewayUnderTest). The adapter's own notion of the URL ends in the module
 * name, not the root context that arquillian-context-root.xml gives the WAR, so
 * {@code @ArquillianResource URL} does not serve here.
 */
public final class GatewayDeployment {

    /** The server on PostgreSQL, with API keys, the fake Zoho and the stand-in workflow webhook. */
    public static final String POSTGRES = "postgres";
    /** The server with no configuration, in memory. */
    public static final String MEMORY = "memory";
    /** Listening on every interface with no credentials configured: it fails closed. */
    public static final String PUBLIC = "public";

    private GatewayDeployment() {
    }

    @Deployment(name = POSTGRES, testable = false)
    @TargetsContainer(POSTGRES)
    public static WebArchive onPostgres() {
        return packagedWar();
    }

    @Deployment(name = MEMORY, testable = false)
    @TargetsContainer(MEMORY)
    public static WebArchive inMemory() {
        return packagedWar();
    }

    @Deployment(name = PUBLIC, testable = false)
    @TargetsContainer(PUBLIC)
    public static WebArchive reachableWithoutCredentials() {
        return packagedWar();
    }

    /** The packaged WAR from target/, as production runs it. */
    private static WebArchive packagedWar() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("it.war", "target/mcp-gateway.war")));
    }
}
