-- A claim of the outbox is a lease with a holder: the claim writes a fresh lease_token, and the
-- delivered, retry and failed updates match it. A sender whose lease ran out and whose events
-- another sender claimed meanwhile then changes nothing. Safe to re-run.
ALTER TABLE workflow_event ADD COLUMN IF NOT EXISTS lease_token UUID;

-- One person's events are delivered in the order they happened: a claim skips an event while an
-- older event of the same OHID is still pending. This index answers that question per candidate.
CREATE INDEX IF NOT EXISTS idx_workflow_event_pending_ohid ON workflow_event (ohid, occurred_at, id)
    WHERE delivery_status = 'PENDING' AND ohid IS NOT NULL;
