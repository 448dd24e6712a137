package com.opulenthorizons.gateway.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import com.opulenthorizons.gateway.common.WireJson;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads leads from the property database: another PostgreSQL holding the same
 * {@code lead_context} table (PROPERTY_DB_*), for deployments where the property system, not
 * the gateway, keeps the leads. Read-only; one connection per read, as reads are rare.
 */
public class PropertyDbLeadSource implements LeadSource {

    private static final String BY_ID = "SELECT id, ohid, source_system, source_lead_id, channel, payload::text, consent::text, "
            + "created_at FROM lead_context WHERE id = ?";
    private static final JsonMapper JSON = WireJson.PLAIN;
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };

    private final DataSource dataSource;
    private final String location;

    /** @param location host, port and database, for errors (no credentials) */
    public PropertyDbLeadSource(DataSource dataSource, String location) {
        this.dataSource = dataSource;
        this.location = location;
    }

    @Override
    public Optional<StoredLead> findLead(UUID ingestId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement query = c.prepareStatement(BY_ID)) {
            query.setObject(1, ingestId);
            try (ResultSet rs = query.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                OffsetDateTime created = rs.getObject(8, OffsetDateTime.class);
                return Optional.of(new StoredLead(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
                        rs.getString(4), rs.getString(5), json(rs.getString(6)), json(rs.getString(7)),
                        created == null ? null : created.toInstant()));
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("the property database at " + location + " cannot be read (SQLState "
                    + e.getSQLState() + ")", e);
        }
    }

    private static Map<String, Object> json(String text) {
        return text == null ? null : JSON.readValue(text, OBJECT);
    }
}
