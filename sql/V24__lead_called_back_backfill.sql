-- Marks the leads stored before V23 that a call of their person followed (lead_context.called_back).
-- On a large table this is long: the benchmark's million leads, a third of them called, took about
-- 35 s on two cores. So no statement timeout here (the server's sessions have DB_STATEMENT_TIMEOUT_MS,
-- 20 s), and SchemaMigrator lifts the connection's socket timeout for migrations. Only row locks are
-- taken: the table stays readable and writable meanwhile, and the older replicas of a rolling upgrade
-- keep serving. Each marked row is rewritten once, out of time order: docs/how-to/postgresql.md says
-- how a DBA puts the table back in order.
-- Safe to re-run, and to run again by hand after a rolling upgrade: it marks only unmarked leads.
SET LOCAL statement_timeout = 0;

UPDATE lead_context l SET called_back = true
 WHERE NOT l.called_back
   AND EXISTS (SELECT 1 FROM workflow_event e
                WHERE e.ohid = l.ohid AND e.event_type IN ('CallReceived', 'CallCompleted')
                  AND e.occurred_at >= l.created_at);
