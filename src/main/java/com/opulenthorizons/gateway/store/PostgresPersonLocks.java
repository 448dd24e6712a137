package com.opulenthorizons.gateway.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The advisory locks of person-level changes, in the key space of {@code gateway_ingest_lead_and_consent}
 * (sql/V5): {@code e:<email>} and {@code p:<phone>} are the very locks an ingest of those keys
 * takes, so a change and an ingest of the same person run one after the other; {@code o:<ohid>}
 * serialises changes of one person (ingest never takes it). Each batch is taken in ascending
 * hash order, as ingest takes its own.
 */
final class PostgresPersonLocks {

    private PostgresPersonLocks() {
    }

    static void lockOhids(Connection c, Collection<?> ohids) throws SQLException {
        lock(c, ohids.stream().map(o -> "o:" + o).toList());
    }

    static void lock(Connection c, List<String> keys) throws SQLException {
        if (keys.isEmpty()) {
            return;
        }
        try (PreparedStatement q = c.prepareStatement("SELECT pg_advisory_xact_lock(k.h) FROM (SELECT DISTINCT "
                + "hashtextextended(key, 0) AS h FROM unnest(?) AS key ORDER BY h) AS k")) {
            q.setArray(1, c.createArrayOf("text", new ArrayList<>(keys).toArray()));
            q.execute();
        }
    }
}
