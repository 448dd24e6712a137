package it.com.opulenthorizons.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import javax.sql.DataSource;


import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The PostgreSQL of the integration tests: a real PostgreSQL 16 (embedded binaries, no install)
 * that this test JVM owns, on the fixed port the Liberty test server is configured with
 * ({@code it.pg.port}). Owning it lets a test stop and restart the database under the running
 * server. Started when the failsafe run opens, stopped when it closes; inactive in unit test runs.
 */
public class ItPostgres extends ItStandIn {

    private static final String PORT = "it.pg.port";
    private static EmbeddedPostgres postgres;

    public ItPostgres() {
        super(PORT);
    }

    private static Integer port() {
        return port(PORT);
    }

    @Override
    protected void open(int port) {
        start();
    }

    @Override
    protected void close() {
        stop();
    }

    public static synchronized void start() {
        if (postgres != null) {
            return;
        }
        try {
            Path dataDir = Path.of("target", "it-postgres");
            Files.createDirectories(dataDir);
            postgres = EmbeddedPostgres.builder()
                    .setPort(port())
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false) // a restart keeps the data, as a real database does
                    .setServerConfig("synchronous_commit", "on")
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start on port " + port(), e);
        }
    }

    public static synchronized void stop() {
        if (postgres == null) {
            return;
        }
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            postgres = null;
        }
    }

    /** The database the gateway under test uses. */
    public static synchronized DataSource dataSource() {
        if (postgres == null) {
            throw new IllegalStateException("the integration-test PostgreSQL is not running");
        }
        return postgres.getDatabase("postgres", "postgres", Map.of());
    }
}
