package com.opulenthorizons.gateway.store;

import java.sql.SQLException;
import java.util.Map;

import org.postgresql.util.PGobject;

import com.opulenthorizons.gateway.common.WireJson;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Maps a JSON object to a PostgreSQL {@code jsonb} column. EclipseLink hands the driver's
 * {@link PGobject} to the converter on read, so the database side is typed {@code Object}; and
 * it must bind a PGobject typed jsonb on write, or PostgreSQL refuses a varchar for jsonb.
 */
@Converter
public class JsonbConverter implements AttributeConverter<Map<String, Object>, Object> {

    /** Stored as given: no naming strategy, nulls kept. */
    private static final JsonMapper JSON = WireJson.PLAIN;
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    @Override
    public Object convertToDatabaseColumn(Map<String, Object> attribute) {
        if (attribute == null) {
            return null;
        }
        PGobject jsonb = new PGobject();
        jsonb.setType("jsonb");
        try {
            jsonb.setValue(JSON.writeValueAsString(attribute));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot build a jsonb value", e);
        }
        return jsonb;
    }

    @Override
    public Map<String, Object> convertToEntityAttribute(Object column) {
        if (column == null) {
            return null;
        }
        String json = column instanceof PGobject pg ? pg.getValue() : column.toString();
        return json == null ? null : JSON.readValue(json, MAP);
    }
}
