-- list_events pages newest first, by status, type or OHID, and replay_events restarts an event's
-- retry window. Safe to re-run.

-- A replayed event is retried for WEBHOOK_RETRY_FOR from its replay, not from when it occurred;
-- NULL for an event never replayed (its window starts at occurred_at).
ALTER TABLE workflow_event ADD COLUMN IF NOT EXISTS retry_from TIMESTAMPTZ;

-- Newest first with a (occurred_at, id) cursor: one index per filter that narrows the most.
CREATE INDEX IF NOT EXISTS idx_workflow_event_newest ON workflow_event (occurred_at DESC, id DESC);
CREATE INDEX IF NOT EXISTS idx_workflow_event_status_newest ON workflow_event (delivery_status, occurred_at DESC, id DESC);
CREATE INDEX IF NOT EXISTS idx_workflow_event_type_newest ON workflow_event (event_type, occurred_at DESC, id DESC);
CREATE INDEX IF NOT EXISTS idx_workflow_event_ohid_newest ON workflow_event (ohid, occurred_at DESC, id DESC)
    WHERE ohid IS NOT NULL;

-- The two above lead with the columns of these V1 indexes, and answer what they answered.
DROP INDEX IF EXISTS idx_workflow_event_type;
DROP INDEX IF EXISTS idx_workflow_event_ohid;
