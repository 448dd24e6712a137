-- One round trip per ingest: the server calls this function in autocommit mode, so the locks,
-- the reads and both inserts run in one implicit transaction (one commit, one WAL flush).
--
-- Identity is race-free as before: the function first takes transaction-scoped advisory locks
-- on the ingest's keys (its source lead, its email, its phone) in ascending hash order, so two
-- ingests sharing any key run one after the other. In READ COMMITTED each statement of a
-- PL/pgSQL function takes a new snapshot, so the reads after the locks see every lead
-- committed by an ingest that held them.
--
-- The identity rule is the one OhidResolver states (lead package): the newest earlier lead with
-- the same email gives the OHID; failing that, the newest with the same phone; failing both,
-- the caller's new OHID. The store contract tests hold both stores to it.
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
    INSERT INTO workflow_event (id, ohid, event_type, payload, source_system, correlation_id)
    VALUES (p_event_id, ohid, 'LeadIngested', p_event_payload, p_source_system, p_correlation_id);

    ingest_id := p_id;
    created := true;
END
$$;
