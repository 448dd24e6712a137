-- The original gateway schema: leads and workflow events.
-- Applied by the server at start-up (Flyway), or by hand: psql -f sql/V1__schema.sql

CREATE TABLE IF NOT EXISTS lead_context (
    id             UUID PRIMARY KEY,
    ohid           UUID NOT NULL,
    source_system  VARCHAR(50),
    source_lead_id VARCHAR(255),
    channel        VARCHAR(50),
    payload        JSONB,
    consent        JSONB,
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS workflow_event (
    id            UUID PRIMARY KEY,
    ohid          UUID,
    event_type    VARCHAR(100),
    payload       JSONB,
    occurred_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    source_system VARCHAR(50)
);

CREATE INDEX IF NOT EXISTS idx_lead_context_ohid ON lead_context (ohid);
CREATE INDEX IF NOT EXISTS idx_lead_context_email ON lead_context ((payload -> 'person' ->> 'email'))
    WHERE payload -> 'person' ->> 'email' IS NOT NULL;
CREATE INDEX IF NOT EXISTS idx_lead_context_phone ON lead_context ((payload -> 'person' ->> 'phone'))
    WHERE payload -> 'person' ->> 'phone' IS NOT NULL;
CREATE INDEX IF NOT EXISTS idx_workflow_event_ohid ON workflow_event (ohid) WHERE ohid IS NOT NULL;
CREATE INDEX IF NOT EXISTS idx_workflow_event_type ON workflow_event (event_type);
