-- Meta lead ad notifications, stored before the webhook is answered and worked off by the fetch
-- worker: a lead whose Graph fetch fails for good stays FAILED here (with its error) until it is
-- replayed. One row per leadgen_id: Meta's repeated notifications of a lead store nothing new.
CREATE TABLE IF NOT EXISTS meta_lead_inbox (
    leadgen_id      VARCHAR(64)  PRIMARY KEY,
    form_id         VARCHAR(64),
    page_id         VARCHAR(64),
    ad_id           VARCHAR(64),
    created_time    BIGINT,
    notification    JSONB        NOT NULL,
    status          VARCHAR(20)  NOT NULL DEFAULT 'PENDING',
    attempts        INTEGER      NOT NULL DEFAULT 0,
    failures        INTEGER      NOT NULL DEFAULT 0,
    received_at     TIMESTAMPTZ  NOT NULL DEFAULT now(),
    retry_from      TIMESTAMPTZ  NOT NULL DEFAULT now(),
    next_attempt_at TIMESTAMPTZ  NOT NULL DEFAULT now(),
    lease_until     TIMESTAMPTZ,
    lease_token     UUID,
    last_error      VARCHAR(1000),
    ingest_id       UUID,
    correlation_id  VARCHAR(64),
    updated_at      TIMESTAMPTZ  NOT NULL DEFAULT now()
);

CREATE INDEX IF NOT EXISTS idx_meta_lead_inbox_due ON meta_lead_inbox (next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX IF NOT EXISTS idx_meta_lead_inbox_failed ON meta_lead_inbox (updated_at DESC) WHERE status = 'FAILED';
