package com.opulenthorizons.gateway.meta;

import com.opulenthorizons.gateway.store.TestPostgres;

/** The inbox contract on a real PostgreSQL with the schema of sql/ (V13 creates the inbox). */
class PostgresMetaLeadInboxTest extends MetaLeadInboxContract {

    private static final MetaLeadInbox INBOX = new PostgresMetaLeadInbox(TestPostgres.newMigratedDatabase());

    @Override
    protected MetaLeadInbox inbox() {
        return INBOX;
    }
}
