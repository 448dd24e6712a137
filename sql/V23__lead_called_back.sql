-- search_leads' has_call_after_lead as a column: lead_context.called_back is true once a call event
-- of the lead's person occurred at or after the lead. The search used to answer it with an anti-join
-- that probed the call index for every lead it passed: on a million leads that was most of
-- PostgreSQL's time for "Meta leads of the last week with no call since" (bench/README.md, "seventh
-- session"). Writers keep the column true to the events, each under the person's locks: the ingest
-- below marks a new lead, a call's append marks the person's leads and a merge marks the survivor's
-- (PostgresEventAppender); an erasure deletes the leads.
--
-- The function is V22's, restated whole because a migration cannot change one statement of a
-- PL/pgSQL body: only the lead's INSERT differs, by called_back.
-- The leads already stored are marked by V24, in a transaction of its own: this one holds the
-- table's exclusive lock (ADD COLUMN), which must not last as long as a backfill of a large table.
-- Safe to re-run: the column is added once.
ALTER TABLE lead_context ADD COLUMN IF NOT EXISTS called_back BOOLEAN NOT NULL DEFAULT false;

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

    -- called_back: a call of this person already stored at or after the lead's time (now(), its
    -- created_at). A call stored concurrently cannot be missed: it holds the person's contact keys,
    -- one of which this ingest joined them by, so it committed before the locks above were granted,
    -- or it waits for this ingest and then marks the lead itself (PostgresEventAppender).
    INSERT INTO lead_context (id, ohid, source_system, source_lead_id, channel, payload, consent, search_text,
                              called_back)
    VALUES (p_id, ohid, p_source_system, p_source_lead_id, p_channel, p_payload, p_consent,
            gateway_lead_search_text(p_payload),
            ohid <> p_new_ohid AND EXISTS (
                SELECT 1 FROM workflow_event e
                 WHERE e.ohid = gateway_ingest_lead_and_consent.ohid
                   AND e.event_type IN ('CallReceived', 'CallCompleted') AND e.occurred_at >= now()));
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
