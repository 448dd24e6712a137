-- A claim of the outbox is a lease with a holder: the claim writes a fresh lease_token, and the
-- delivered, retry and failed updates match it. A sender whose lease ran out and whose events
-- another sender claimed meanwhile then changes nothing. Safe to re-run.
ALTER TABLE workflow_event ADD COLUMN IF NOT EXISTS lease_token UUID;
