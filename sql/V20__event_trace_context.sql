-- The W3C trace context (traceparent, tracestate) of the work that created a workflow event, so
-- that its delivery, which runs later on another thread or replica, continues the same trace and
-- sends it on to the receiver. Columns of their own rather than keys in payload: payload is the
-- body that receivers get and that the webhook signature covers; the trace context travels in
-- headers. NULL when no trace was active (telemetry off, the default).
ALTER TABLE workflow_event ADD COLUMN IF NOT EXISTS trace_parent VARCHAR(64);
ALTER TABLE workflow_event ADD COLUMN IF NOT EXISTS trace_state  VARCHAR(512);

-- gateway_ingest_lead (sql/V5) as before, with the event's trace context.
DROP FUNCTION IF EXISTS gateway_ingest_lead(UUID, UUID, VARCHAR, VARCHAR, VARCHAR, TEXT, TEXT, JSONB, JSONB, UUID, JSONB, VARCHAR);
CREATE OR REPLACE FUNCTION gateway_ingest_lead(
    p_id             UUID,
    p_new_ohid       UUID,
    p_source_system  VARCHAR,
    p_source_lead_id VARCHAR,
    p_channel        VARCHAR,
    p_email          TEXT,
    p_phone          TEXT,
    p_payload        JSONB,
    p_consent        JSONB,
    p_event_id       UUID,
    p_event_payload  JSONB,
    p_correlation_id VARCHAR,
    p_trace_parent   VARCHAR,
    p_trace_state    VARCHAR,
    OUT ingest_id    UUID,
    OUT ohid         UUID,
    OUT created      BOOLEAN)
LANGUAGE plpgsql VOLATILE AS $$
BEGIN
    PERFORM pg_advisory_xact_lock(k.h)
       FROM (SELECT DISTINCT hashtextextended(key, 0) AS h
               FROM unnest(ARRAY['s:' || p_source_system || ':' || p_source_lead_id,
                                 'e:' || p_email, 'p:' || p_phone]) AS key
              WHERE key IS NOT NULL
              ORDER BY h) AS k;

    -- A replay of the same source lead answers with the first ingest's ids and writes nothing.
    SELECT l.id, l.ohid INTO ingest_id, ohid
      FROM lead_context l
     WHERE l.source_system = p_source_system AND l.source_lead_id = p_source_lead_id;
    IF FOUND THEN
        created := false;
        RETURN;
    END IF;

    ohid := COALESCE(
        (SELECT l.ohid FROM lead_context l
          WHERE p_email IS NOT NULL AND l.payload -> 'person' ->> 'email' = p_email
          ORDER BY l.created_at DESC LIMIT 1),
        (SELECT l.ohid FROM lead_context l
          WHERE p_phone IS NOT NULL AND l.payload -> 'person' ->> 'phone' = p_phone
          ORDER BY l.created_at DESC LIMIT 1),
        p_new_ohid);

    INSERT INTO lead_context (id, ohid, source_system, source_lead_id, channel, payload, consent)
    VALUES (p_id, ohid, p_source_system, p_source_lead_id, p_channel, p_payload, p_consent);
    INSERT INTO workflow_event (id, ohid, event_type, payload, source_system, correlation_id, trace_parent, trace_state)
    VALUES (p_event_id, ohid, 'LeadIngested', p_event_payload, p_source_system, p_correlation_id, p_trace_parent, p_trace_state);

    ingest_id := p_id;
    created := true;
END
$$;
