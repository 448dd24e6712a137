-- Readiness and status report how many events wait and how many failed for good; both counts
-- read partial indexes (PENDING: idx_workflow_event_due), never the whole table.
CREATE INDEX IF NOT EXISTS idx_workflow_event_failed ON workflow_event (occurred_at) WHERE delivery_status = 'FAILED';
