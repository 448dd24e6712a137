-- The server calls gateway_ingest_lead_and_consent (V15) since the ingest sends ConsentChanged; the
-- older gateway_ingest_lead (V5's, and V20's overload with the trace context) is called by nothing.
-- Dropped so that one ingest function is left to read and to keep in step with the identity rule.
DROP FUNCTION IF EXISTS gateway_ingest_lead(UUID, UUID, VARCHAR, VARCHAR, VARCHAR, TEXT, TEXT, JSONB, JSONB, UUID, JSONB,
    VARCHAR);
DROP FUNCTION IF EXISTS gateway_ingest_lead(UUID, UUID, VARCHAR, VARCHAR, VARCHAR, TEXT, TEXT, JSONB, JSONB, UUID, JSONB,
    VARCHAR, VARCHAR, VARCHAR);
