-- People as first-class: consent history, erasure tombstones, merges, and the indexes that
-- get_person and search_leads read. Safe to re-run.

-- Entries record_consent writes; an ingest's own entry is its lead's consent column.
CREATE TABLE IF NOT EXISTS person_consent (
    id          UUID PRIMARY KEY,
    ohid        UUID         NOT NULL,
    state       VARCHAR(20)  NOT NULL,
    source      VARCHAR(200),
    recorded_at TIMESTAMPTZ  NOT NULL DEFAULT clock_timestamp(),
    recorded_by VARCHAR(200)
);
CREATE INDEX IF NOT EXISTS idx_person_consent_ohid ON person_consent (ohid, recorded_at DESC);

-- What is left of a forgotten person (forget_person): the erasure itself, not the data.
CREATE TABLE IF NOT EXISTS person_tombstone (
    ohid         UUID PRIMARY KEY,
    forgotten_at TIMESTAMPTZ  NOT NULL DEFAULT clock_timestamp(),
    forgotten_by VARCHAR(200) NOT NULL,
    reason       VARCHAR(500) NOT NULL
);

-- An absorbed OHID resolves to its survivor (merge_people); chains are kept one hop long.
CREATE TABLE IF NOT EXISTS person_merge (
    absorbed_ohid  UUID PRIMARY KEY,
    surviving_ohid UUID         NOT NULL,
    merged_at      TIMESTAMPTZ  NOT NULL DEFAULT clock_timestamp(),
    merged_by      VARCHAR(200) NOT NULL,
    reason         VARCHAR(500) NOT NULL
);
CREATE INDEX IF NOT EXISTS idx_person_merge_survivor ON person_merge (surviving_ohid);

-- get_person: a person's leads newest first (replaces the V1 ohid index, which it leads with).
CREATE INDEX IF NOT EXISTS idx_lead_context_ohid_newest ON lead_context (ohid, created_at DESC, id DESC);
DROP INDEX IF EXISTS idx_lead_context_ohid;

-- search_leads pages newest first with a (created_at, id) cursor, on the index of the most
-- selective equality filter it has.
CREATE INDEX IF NOT EXISTS idx_lead_context_newest ON lead_context (created_at DESC, id DESC);
CREATE INDEX IF NOT EXISTS idx_lead_context_source_newest ON lead_context (source_system, created_at DESC, id DESC);
CREATE INDEX IF NOT EXISTS idx_lead_context_channel_newest ON lead_context (channel, created_at DESC, id DESC);

-- Free text over names, location, property type and free text: word prefixes in a GIN index.
-- 'simple' lower-cases and splits on non-letters, with no stemming or stop words (names are not English).
CREATE OR REPLACE FUNCTION gateway_lead_search_text(p jsonb) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT to_tsvector('simple'::regconfig, concat_ws(' ', p -> 'person' ->> 'first_name', p -> 'person' ->> 'last_name',
        p ->> 'location', p ->> 'property_type', p ->> 'free_text'))
$$;
CREATE INDEX IF NOT EXISTS idx_lead_context_search ON lead_context USING gin (gateway_lead_search_text(payload));

-- has_call_after_lead: does a call event of this person exist at or after a time?
CREATE INDEX IF NOT EXISTS idx_workflow_event_calls ON workflow_event (ohid, occurred_at DESC)
    WHERE event_type IN ('CallReceived', 'CallCompleted') AND ohid IS NOT NULL;
