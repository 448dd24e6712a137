-- One million leads for the read benchmark (bench/run.sh --reads), written straight into the
-- migrated schema: about 700,000 people (every lead i belongs to person i % 700000), one lead
-- every 30 seconds going back about a year, from all sources, with names, suburbs and free text
-- to search. Each lead has its LeadIngested event, and a third of the people a call an hour after
-- their newest lead. Every event counts as delivered: the outbox has nothing to send.
-- psql -v leads=1000000 -f bench/reads/generate.sql
\set ON_ERROR_STOP on
SET synchronous_commit = off;
SET maintenance_work_mem = '256MB';

CREATE TEMP TABLE words AS SELECT
    ARRAY['Olivia','Noah','Charlotte','Jack','Amelia','William','Isla','Oliver','Mia','Leo','Ava','Henry','Grace',
          'Lucas','Chloe','Thomas','Zoe','James','Ruby','Ethan'] AS first_names,
    ARRAY['Smith','Jones','Williams','Brown','Wilson','Taylor','Nguyen','Johnson','Martin','White','Anderson',
          'Walker','Thompson','Harris','Lee','Ryan','Robinson','Kelly','King','Davis'] AS last_names,
    ARRAY['Bondi','Manly','Coogee','Newtown','Parramatta','Chatswood','Surry Hills','Randwick','Mosman',
          'Balmain','Paddington','Cronulla'] AS suburbs,
    ARRAY['apartment','house','townhouse','land','villa'] AS property_types,
    ARRAY['META','WEB','CLOUDTALK','ZOHO_CRM'] AS sources,
    ARRAY['META_LEAD_AD','WEB_FORM','INBOUND_CALL','CRM'] AS channels;

-- search_text as the ingest computes it (sql/V22); called_back (sql/V23) as the calls below make it: a
-- called person's one call follows their newest lead, so it is after every lead of theirs. Marked
-- here rather than by an UPDATE afterwards, which would move a third of the rows out of time order.
INSERT INTO lead_context (id, ohid, source_system, source_lead_id, channel, payload, consent, created_at, search_text,
                          called_back)
SELECT l.*, gateway_lead_search_text(l.payload), get_byte(decode(md5(l.ohid::text), 'hex'), 0) % 3 = 0 FROM (
    SELECT gen_random_uuid(), p.ohid, w.sources[1 + i % 4], 'bench-' || i, w.channels[1 + i % 4],
           jsonb_build_object(
               'source_system', w.sources[1 + i % 4], 'source_lead_id', 'bench-' || i, 'channel', w.channels[1 + i % 4],
               'person', jsonb_build_object('first_name', w.first_names[1 + p.n % 20], 'last_name', w.last_names[1 + (p.n / 20) % 20],
                                            'email', 'person' || p.n || '@bench.example', 'phone', '+6140' || lpad(p.n::text, 7, '0')),
               'budget_range', (500 + i % 10 * 100) || 'k', 'location', w.suburbs[1 + i % 12],
               'property_type', w.property_types[1 + i % 5],
               'free_text', 'Looking for a ' || w.property_types[1 + i % 5] || ' near ' || w.suburbs[1 + (i / 7) % 12]),
           jsonb_build_object('marketing_consent', i % 3 <> 0),
           now() - (i * interval '30 seconds')
      FROM generate_series(1, :leads) AS i,
           LATERAL (SELECT i % 700000 AS n, md5('bench-person-' || (i % 700000))::uuid AS ohid) AS p,
           words AS w) AS l (id, ohid, source_system, source_lead_id, channel, payload, consent, created_at);

INSERT INTO workflow_event (id, ohid, event_type, payload, occurred_at, source_system, delivery_status, delivered_at,
                            correlation_id)
SELECT gen_random_uuid(), l.ohid, 'LeadIngested', jsonb_build_object('ingest_id', l.id, 'source_lead_id', l.source_lead_id),
       l.created_at, l.source_system, 'DELIVERED', l.created_at, 'bench'
  FROM lead_context l WHERE l.source_lead_id LIKE 'bench-%';

INSERT INTO workflow_event (id, ohid, event_type, payload, occurred_at, source_system, delivery_status, delivered_at,
                            correlation_id)
SELECT gen_random_uuid(), l.ohid, 'CallCompleted',
       jsonb_build_object('direction', 'outbound', 'call_id', 'bench-call-' || l.source_lead_id,
                          'recording_url', 'https://recordings.example/' || l.source_lead_id || '.mp3'),
       l.created_at + interval '1 hour', 'CLOUDTALK', 'DELIVERED', l.created_at + interval '1 hour', 'bench'
  FROM (SELECT DISTINCT ON (ohid) ohid, source_lead_id, created_at FROM lead_context
         WHERE source_lead_id LIKE 'bench-%' ORDER BY ohid, created_at DESC) l
 WHERE get_byte(decode(md5(l.ohid::text), 'hex'), 0) % 3 = 0; -- the called_back rule above

VACUUM ANALYZE lead_context;
VACUUM ANALYZE workflow_event;
