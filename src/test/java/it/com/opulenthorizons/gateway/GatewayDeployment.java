package it.com.opulenthorizons.gateway;

import java.io.File;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** What the integration tests deploy, and where (the containers of src/test/resources/arquillian.xml). */
public final class GatewayDeployment {

    /** The server on PostgreSQL, with API keys, the fake Zoho and the stand-in workflow webhook. */
    public static final String POSTGRES = "postgres";
    /** The server with no configuration, in memory. */
    public static final String MEMORY = "memory";

    private GatewayDeployment() {
    }

    /** The packaged WAR from target/, as production runs it. */
    public static WebArchive war() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("it.war", "target/mcp-gateway.war")));
    }
}
