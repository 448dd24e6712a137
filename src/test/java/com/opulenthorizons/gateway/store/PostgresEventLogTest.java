package com.opulenthorizons.gateway.store;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The event list and replay contract on a real PostgreSQL. */
class PostgresEventLogTest extends EventLogContract {

    private static TestPostgres.OpenStore postgres;

    @BeforeAll
    static void startStore() {
        postgres = TestPostgres.newStore();
    }

    @AfterAll
    static void closeStore() {
        postgres.close();
    }

    @Override
    protected LeadStore store() {
        return postgres.store();
    }
}
