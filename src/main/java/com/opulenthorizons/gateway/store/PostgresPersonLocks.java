package com.opulenthorizons.gateway.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

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

    /**
     * Takes the ingest locks of every email and phone on these people's leads, reading again after
     * each batch: a lead that an ingest committed while this waited can bring a key of its own.
     * Answers the keys, as {@code e:<email>} and {@code p:<phone>}.
     */
    static Set<String> lockContactKeys(Connection c, List<UUID> ohids) throws SQLException {
        Set<String> locked = new HashSet<>();
        while (true) {
            List<String> fresh = new ArrayList<>();
            try (PreparedStatement q = c.prepareStatement("SELECT DISTINCT k FROM lead_context, LATERAL (VALUES "
                    + "('e:' || (payload -> 'person' ->> 'email')), ('p:' || (payload -> 'person' ->> 'phone'))) AS keys(k) "
                    + "WHERE ohid = ANY (?) AND k IS NOT NULL")) {
                q.setArray(1, c.createArrayOf("uuid", ohids.toArray()));
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        if (!locked.contains(rs.getString(1))) {
                            fresh.add(rs.getString(1));
                        }
                    }
                }
            }
            if (fresh.isEmpty()) {
                return locked;
            }
            lock(c, fresh);
            locked.addAll(fresh);
        }
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
