-- workflow_event becomes the outbox of the workflow webhook: every event is delivered after
-- commit, retried with backoff, and marked DELIVERED or FAILED (with the error), never dropped.
ALTER TABLE workflow_event ADD COLUMN IF NOT EXISTS delivery_status   VARCHAR(20) NOT NULL DEFAULT 'PENDING';
ALTER TABLE workflow_event ADD COLUMN IF NOT EXISTS delivery_attempts INTEGER     NOT NULL DEFAULT 0;
ALTER TABLE workflow_event ADD COLUMN IF NOT EXISTS next_attempt_at   TIMESTAMPTZ NOT NULL DEFAULT now();
ALTER TABLE workflow_event ADD COLUMN IF NOT EXISTS lease_until       TIMESTAMPTZ;
ALTER TABLE workflow_event ADD COLUMN IF NOT EXISTS delivered_at      TIMESTAMPTZ;
ALTER TABLE workflow_event ADD COLUMN IF NOT EXISTS last_error        VARCHAR(1000);
ALTER TABLE workflow_event ADD COLUMN IF NOT EXISTS correlation_id    VARCHAR(64);
-- The same delivery from a sender (a CloudTalk call_id and event, a Notion event id) is stored once.
ALTER TABLE workflow_event ADD COLUMN IF NOT EXISTS dedup_key         VARCHAR(400);

-- Events written before the outbox existed were already sent (or dropped) by the original
-- system: do not send them again. The gateway gives every event it writes a correlation id,
-- so this is safe to re-run.
UPDATE workflow_event SET delivery_status = 'PRE_OUTBOX' WHERE delivery_status = 'PENDING' AND correlation_id IS NULL;

CREATE UNIQUE INDEX IF NOT EXISTS uq_workflow_event_dedup ON workflow_event (dedup_key) WHERE dedup_key IS NOT NULL;
CREATE INDEX IF NOT EXISTS idx_workflow_event_due ON workflow_event (next_attempt_at) WHERE delivery_status = 'PENDING';
