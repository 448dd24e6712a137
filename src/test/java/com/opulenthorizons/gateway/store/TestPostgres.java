package com.opulenthorizons.gateway.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;

/**
 * One real PostgreSQL (embedded binaries, no install) for this test JVM, started on first use
 * and stopped at exit. Each caller can ask for a database of its own.
 */
public final class TestPostgres {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres postgres;

    private TestPostgres() {
    }

    public static synchronized EmbeddedPostgres server() {
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.builder()
                        // as in production: a commit is durable when it is acknowledged
                        .setServerConfig("synchronous_commit", "on")
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("embedded PostgreSQL did not start", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }));
        }
        return postgres;
    }

    /** A new, empty database. */
    public static DataSource newDatabase() {
        return newDatabase(Map.of());
    }

    /** A new, empty database, its connections with these driver properties too. */
    public static DataSource newDatabase(Map<String, String> driverProperties) {
        String name = "test_" + DATABASES.incrementAndGet();
        try (Connection c = server().getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        // as in server.xml: EclipseLink binds a NULL uuid or jsonb as varchar otherwise
        Map<String, String> properties = new HashMap<>(driverProperties);
        properties.put("stringtype", "unspecified");
        return server().getDatabase("postgres", name, properties);
    }

    /** A new database with the schema of sql/ applied. */
    public static DataSource newMigratedDatabase() {
        DataSource ds = newDatabase();
        new SchemaMigrator(ds).migrate();
        return ds;
    }

    /** A PostgreSQL store on its own new, migrated database; closing it closes its persistence unit. */
    public record OpenStore(DataSource dataSource, EntityManagerFactory emf, PostgresLeadStore store) implements AutoCloseable {
        @Override
        public void close() {
            emf.close();
        }
    }

    public static OpenStore newStore() {
        DataSource dataSource = newMigratedDatabase();
        EntityManagerFactory emf = entityManagerFactory(dataSource);
        return new OpenStore(dataSource, emf, new PostgresLeadStore(emf, dataSource, new SchemaMigrator(dataSource), "embedded"));
    }

    /** The gateway's persistence unit (EclipseLink), on the given database. */
    public static EntityManagerFactory entityManagerFactory(DataSource ds) {
        return Persistence.createEntityManagerFactory("gateway", Map.of(
                "jakarta.persistence.nonJtaDataSource", ds,
                "eclipselink.logging.level", "WARNING"));
    }
}
