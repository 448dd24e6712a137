-- The ingest computes each lead's search_text itself (V16 made it a stored generated column).
-- PostgreSQL plans a generated column's expression again for every INSERT statement it starts
-- (ExecInitStoredGenerated), and gateway_lead_search_text called concat_ws, which is only STABLE, so
-- it could not be inlined and ran as a SQL function parsed on each call: together 14 % of
-- PostgreSQL's CPU per ingest in a perf profile (bench/README.md, "fifth session"). Now the column is
-- a plain one; the function's body uses only IMMUTABLE operators, so the planner inlines it into the
-- ingest's INSERT, whose plan each connection caches. The lexemes are the same: concat_ws skipped
-- NULLs, coalesce makes them '', and to_tsvector counts words, not spaces.
--
-- gateway_ingest_lead_and_consent is the only writer of lead_context.payload: erasure deletes the
-- rows and a merge changes only ohid. A new writer must set search_text with the same function.
-- The function below is V15's, restated whole because a migration cannot change one statement of
-- a PL/pgSQL body: only the lead's INSERT differs, by search_text.
-- Safe to re-run (the data stays: DROP EXPRESSION keeps each row's stored value).
ALTER TABLE lead_context ALTER COLUMN search_text DROP EXPRESSION IF EXISTS;

CREATE OR REPLACE FUNCTION gateway_lead_search_text(p jsonb) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT to_tsvector('simple'::regconfig, coalesce(p -> 'person' ->> 'first_name', '') || ' '
        || coalesce(p -> 'person' ->> 'last_name', '') || ' ' || coalesce(p ->> 'location', '') || ' '
        || coalesce(p ->> 'property_type', '') || ' ' || coalesce(p ->> 'free_text', ''))
$$;

CREATE OR REPLACE FUNCTION gateway_ingest_lead_and_consent(
    p_id                     UUID,
    p_new_ohid               UUID,
    p_source_system          VARCHAR,
    p_source_lead_id         VARCHAR,
    p_channel                VARCHAR,
    p_email                  TEXT,
    p_phone                  TEXT,
    p_payload                JSONB,
    p_consent                JSONB,
    p_event_id               UUID,
    p_event_payload          JSONB,
    p_correlation_id         VARCHAR,
    p_trace_parent           VARCHAR,
    p_trace_state            VARCHAR,
    p_consent_event_id       UUID,
    p_consent_event_payload  JSONB,
    OUT ingest_id    UUID,
    OUT ohid         UUID,
    OUT created      BOOLEAN)
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
    grants          BOOLEAN := COALESCE((p_consent ->> 'marketing_consent')::boolean, false);
    consent_changes BOOLEAN;
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

    -- A new person's first consent travels in its LeadIngested event (marketing_consent): a second
    -- event for every new lead would double the outbox for no news.
    IF ohid = p_new_ohid THEN
        consent_changes := false;
    ELSIF grants THEN
        consent_changes := COALESCE((
            SELECT e.state FROM (
                (SELECT 'GRANTED' AS state, l.created_at AS at, 0 AS withdrawn FROM lead_context l
                  WHERE l.ohid = gateway_ingest_lead_and_consent.ohid AND (l.consent ->> 'marketing_consent') = 'true'
                  ORDER BY l.created_at DESC LIMIT 1)
                UNION ALL
                (SELECT c.state, c.recorded_at, CASE WHEN c.state = 'WITHDRAWN' THEN 1 ELSE 0 END FROM person_consent c
                  WHERE c.ohid = gateway_ingest_lead_and_consent.ohid
                  ORDER BY c.recorded_at DESC, CASE WHEN c.state = 'WITHDRAWN' THEN 1 ELSE 0 END DESC LIMIT 1)) AS e
             ORDER BY e.at DESC, e.withdrawn DESC LIMIT 1), 'NOT_GIVEN') <> 'GRANTED';
    ELSE
        consent_changes := false;
    END IF;

    INSERT INTO lead_context (id, ohid, source_system, source_lead_id, channel, payload, consent, search_text)
    VALUES (p_id, ohid, p_source_system, p_source_lead_id, p_channel, p_payload, p_consent,
            gateway_lead_search_text(p_payload));
    INSERT INTO workflow_event (id, ohid, event_type, payload, source_system, correlation_id, trace_parent, trace_state)
    VALUES (p_event_id, ohid, 'LeadIngested', p_event_payload, p_source_system, p_correlation_id, p_trace_parent,
            p_trace_state);
    IF consent_changes THEN
        -- clock_timestamp(): after the LeadIngested event (now()), which the person's order keeps
        INSERT INTO workflow_event (id, ohid, event_type, payload, source_system, correlation_id, trace_parent,
                                    trace_state, occurred_at)
        VALUES (p_consent_event_id, ohid, 'ConsentChanged', p_consent_event_payload, p_source_system, p_correlation_id,
                p_trace_parent, p_trace_state, clock_timestamp());
    END IF;

    ingest_id := p_id;
    created := true;
END
$$;
