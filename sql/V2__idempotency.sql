-- Idempotent ingest: one lead per (source_system, source_lead_id).
-- A replay is answered from the existing row; this key is the database's guarantee of that,
-- behind the per-source advisory lock the server takes (see README, "Identity rules").
-- Fails if the table already holds duplicates: remove them first (keep the oldest row).
CREATE UNIQUE INDEX IF NOT EXISTS uq_lead_context_source
    ON lead_context (source_system, source_lead_id);

-- Newest lead first for an email or phone, straight from the index (no sort).
CREATE INDEX IF NOT EXISTS idx_lead_context_email_newest
    ON lead_context ((payload -> 'person' ->> 'email'), created_at DESC)
    WHERE payload -> 'person' ->> 'email' IS NOT NULL;
CREATE INDEX IF NOT EXISTS idx_lead_context_phone_newest
    ON lead_context ((payload -> 'person' ->> 'phone'), created_at DESC)
    WHERE payload -> 'person' ->> 'phone' IS NOT NULL;

-- The newest-first indexes above serve every lookup the V1 ones did; dropping those saves
-- two index updates per ingest.
DROP INDEX IF EXISTS idx_lead_context_email;
DROP INDEX IF EXISTS idx_lead_context_phone;
