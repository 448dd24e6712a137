package com.opulenthorizons.gateway.store;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import jakarta.persistence.EntityManagerFactory;

/** The event list and replay contract on a real PostgreSQL. */
class PostgresEventLogTest extends EventLogContract {

    private static EntityManagerFactory emf;
    private static PostgresLeadStore store;

    @BeforeAll
    static void startStore() {
        DataSource dataSource = TestPostgres.newMigratedDatabase();
        emf = TestPostgres.entityManagerFactory(dataSource);
        store = new PostgresLeadStore(emf, dataSource, new SchemaMigrator(dataSource), "embedded");
    }

    @AfterAll
    static void closeStore() {
        emf.close();
    }

    @Override
    protected LeadStore store() {
        return store;
    }
}
