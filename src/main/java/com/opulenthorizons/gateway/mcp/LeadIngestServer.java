package com.opulenthorizons.gateway.mcp;

import com.opulenthorizons.gateway.auth.Scope;
import com.opulenthorizons.gateway.events.CallEventResult;
import com.opulenthorizons.gateway.events.CallEventService;
import com.opulenthorizons.gateway.events.CloudTalkEventRequest;
import com.opulenthorizons.gateway.events.NotionEventRequest;
import com.opulenthorizons.gateway.events.NotionEventResult;
import com.opulenthorizons.gateway.events.NotionEventService;
import com.opulenthorizons.gateway.health.PipelineStatus;
import com.opulenthorizons.gateway.lead.LeadIngestRequest;
import com.opulenthorizons.gateway.lead.LeadIngestResult;
import com.opulenthorizons.gateway.lead.LeadIngestService;
import com.opulenthorizons.gateway.lead.OhidLookupRequest;
import com.opulenthorizons.gateway.lead.OhidLookupResult;
import com.opulenthorizons.gateway.meta.MetaLeadService;
import com.opulenthorizons.gateway.meta.ReplayMetaLeadsRequest;
import com.opulenthorizons.gateway.meta.ReplayMetaLeadsResult;
import com.opulenthorizons.gateway.person.ForgetPersonRequest;
import com.opulenthorizons.gateway.person.ForgetPersonResult;
import com.opulenthorizons.gateway.person.GetPersonRequest;
import com.opulenthorizons.gateway.person.MergePeopleRequest;
import com.opulenthorizons.gateway.person.MergePeopleResult;
import com.opulenthorizons.gateway.person.PersonService;
import com.opulenthorizons.gateway.person.PersonView;
import com.opulenthorizons.gateway.person.RecordConsentRequest;
import com.opulenthorizons.gateway.person.RecordConsentResult;
import com.opulenthorizons.gateway.person.SearchLeadsRequest;
import com.opulenthorizons.gateway.person.SearchLeadsResult;
import com.opulenthorizons.gateway.webhook.ListEventsRequest;
import com.opulenthorizons.gateway.webhook.ListEventsResult;
import com.opulenthorizons.gateway.webhook.ReplayEventsRequest;
import com.opulenthorizons.gateway.webhook.ReplayEventsResult;
import com.opulenthorizons.gateway.webhook.SignatureCheckRequest;
import com.opulenthorizons.gateway.webhook.SignatureCheckResult;
import com.opulenthorizons.gateway.webhook.SignatureVerifier;
import com.opulenthorizons.gateway.webhook.WorkflowEventService;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The lead-ingest MCP server. Every tool stays inside the gateway (openWorldHint false).
 */
@ApplicationScoped
@McpServerEndpoint(name = "lead-ingest", path = "/mcp/lead-ingest")
public class LeadIngestServer {

    @Inject
    LeadIngestService leads;
    @Inject
    CallEventService callEvents;
    @Inject
    NotionEventService notion;
    @Inject
    SignatureVerifier signatures;
    @Inject
    PipelineStatus status;
    @Inject
    WorkflowEventService workflowEvents;
    @Inject
    MetaLeadService metaLeads;
    @Inject
    PersonService people;

    @McpTool(name = "ingest_lead", scope = Scope.LEADS_WRITE, title = "Ingest a lead",
            description = "Stores a lead under its person's OHID (found by email, then phone; new when neither matches) "
                    + "and records a LeadIngested workflow event. Idempotent per (source_system, source_lead_id).",
            idempotentHint = true, destructiveHint = false, openWorldHint = false)
    public LeadIngestResult ingestLead(LeadIngestRequest request) {
        return leads.ingest(request);
    }

    @McpTool(name = "process_cloudtalk_event", scope = Scope.EVENTS_WRITE, title = "Record a CloudTalk call event",
            description = "Records a call event as a workflow event, linked to the caller's OHID when the number is a "
                    + "known lead: call.started and call.ringing become CallReceived, every other event CallCompleted. "
                    + "Idempotent per (call_id, event_type).",
            idempotentHint = true, destructiveHint = false, openWorldHint = false)
    public CallEventResult processCloudTalkEvent(CloudTalkEventRequest request) {
        return callEvents.process(request);
    }

    @McpTool(name = "process_notion_event", scope = Scope.EVENTS_WRITE, title = "Record a Notion event",
            description = "Answers a verification challenge by echoing it ({challenge}); otherwise stores the payload "
                    + "as a NotionEvent workflow event.",
            destructiveHint = false, openWorldHint = false)
    public NotionEventResult processNotionEvent(NotionEventRequest request) {
        return notion.process(request);
    }

    @McpTool(name = "lookup_ohid", scope = Scope.LEADS_READ, title = "Find a person's OHID",
            description = "Finds the OHID of the person with this email or phone (email first). At least one is required.",
            readOnlyHint = true, idempotentHint = true, openWorldHint = false)
    public OhidLookupResult lookupOhid(OhidLookupRequest request) {
        return leads.lookup(request);
    }

    @McpTool(name = "verify_webhook_signature", scope = Scope.LEADS_READ, title = "Verify a webhook signature",
            description = "Checks an HMAC-SHA256 webhook signature over the raw body in constant time, against "
                    + "CLOUDTALK_WEBHOOK_SECRET, NOTION_WEBHOOK_SECRET or META_APP_SECRET.",
            readOnlyHint = true, idempotentHint = true, openWorldHint = false)
    public SignatureCheckResult verifyWebhookSignature(SignatureCheckRequest request) {
        return signatures.check(request);
    }

    @McpTool(name = "list_events", scope = Scope.EVENTS_READ, title = "List workflow events",
            description = "Pages through the workflow events, newest first, with where each delivery stands (status, "
                    + "attempts, last error, next attempt). Filters: status, type, ohid, occurred_from (inclusive) and "
                    + "occurred_before (ISO-8601). limit: 1 to 100, default 20. Pass next_cursor back as cursor for the next page.",
            readOnlyHint = true, idempotentHint = true, openWorldHint = false)
    public ListEventsResult listEvents(ListEventsRequest request) {
        return workflowEvents.list(request);
    }

    @McpTool(name = "replay_events", scope = Scope.EVENTS_REPLAY, title = "Replay workflow events",
            description = "Puts workflow events back in the delivery queue, due now, with no attempts and a fresh retry "
                    + "window: either event_ids (up to 100; FAILED or DELIVERED events), or status FAILED with optional "
                    + "type, occurred_from and occurred_before. Events already pending are left as they are, so a replay "
                    + "can be repeated. Answers how many were replayed.",
            idempotentHint = true, destructiveHint = false, openWorldHint = false)
    public ReplayEventsResult replayEvents(ReplayEventsRequest request) {
        return workflowEvents.replay(request);
    }

    @McpTool(name = "replay_meta_leads", scope = Scope.EVENTS_REPLAY, title = "Fetch failed Meta leads again",
            description = "Puts Meta lead ads leads whose Graph API fetch FAILED for good (see status://pipeline and the "
                    + "MetaLeadFetchFailed events of list_events) back in the fetch queue, due now, with no attempts and a "
                    + "fresh retry window: the given leadgen_ids (up to 100), or every FAILED one. A lead ingested meanwhile "
                    + "is stored once (ingest is idempotent by leadgen_id). Answers how many were replayed.",
            idempotentHint = true, destructiveHint = false, openWorldHint = false)
    public ReplayMetaLeadsResult replayMetaLeads(ReplayMetaLeadsRequest request) {
        return metaLeads.replay(request);
    }

    @McpTool(name = "get_person", scope = Scope.LEADS_READ, title = "Show a person",
            description = "Shows the person behind an ohid, or behind an email or phone (found as on ingest; exactly one "
                    + "of the three): known names, emails and phones, the current marketing consent with its history, "
                    + "their leads, and their timeline of workflow events (ingests, calls with direction and recording, "
                    + "Notion events, consent, merges), newest first, limit 1 to 100 (default 20) per page; pass "
                    + "next_cursor back as cursor. merged_into names the survivor when the OHID was absorbed by a merge; "
                    + "forgotten holds the tombstone of an erased person. merge_suggestions lists other OHIDs that share "
                    + "a phone: the gateway never merges by itself.",
            readOnlyHint = true, idempotentHint = true, openWorldHint = false)
    public PersonView getPerson(GetPersonRequest request) {
        return people.get(request);
    }

    @McpTool(name = "search_leads", scope = Scope.LEADS_READ, title = "Search leads",
            description = "Finds leads, newest first, by source_system, channel, created_from (inclusive) and "
                    + "created_before (ISO-8601), text (each word must start a word of the names, location, property "
                    + "type or free text) and has_call_after_lead (whether a call with the person was recorded since "
                    + "the lead). limit 1 to 100, default 20; pass next_cursor back as cursor. total counts the matches "
                    + "up to a limit (total_exact false: at least total). A text search looks at a bounded number of "
                    + "leads per call, newest first (SEARCH_TEXT_CANDIDATES, 1000 by default): when it stops there "
                    + "before the page is full it says scan_bounded, and next_cursor goes on from there, so a short page "
                    + "is not the end; a time range or source makes rare words quicker to find. A search too broad to "
                    + "answer quickly is refused: narrow it. When every search slot stays busy the call is refused as "
                    + "busy: retry.",
            readOnlyHint = true, idempotentHint = true, openWorldHint = false)
    public SearchLeadsResult searchLeads(SearchLeadsRequest request) {
        return people.search(request);
    }

    @McpTool(name = "record_consent", scope = Scope.PEOPLE_WRITE, title = "Record a consent decision",
            description = "Adds GRANTED or WITHDRAWN, with its source, to the person's consent history; it becomes the "
                    + "current consent (a withdrawal wins over every older grant). Sends a ConsentChanged workflow "
                    + "event, so that workflows can stop a sequence.",
            destructiveHint = false, openWorldHint = false)
    public RecordConsentResult recordConsent(RecordConsentRequest request) {
        return people.recordConsent(request);
    }

    @McpTool(name = "forget_person", scope = Scope.PEOPLE_ERASE, title = "Forget a person",
            description = "Erases a person for good (GDPR Art. 17): their leads and consent entries are deleted, and the "
                    + "payloads of their workflow events, delivered or not, are redacted, as are events without a person "
                    + "that carry their email or phone (however the number is written). A delivery of their events "
                    + "already in flight is waited for (up to 30 s, else refused: nothing erased, try again), so none goes "
                    + "out unredacted afterwards. A tombstone keeps the OHID, the time, the caller and the reason (write no "
                    + "personal data in it: emails and phone numbers in it are stored as <email> and <phone>). Later ingests of the same email or phone get a new OHID. Sends a "
                    + "PersonForgotten workflow event so that workflows erase downstream. Repeating it changes nothing.",
            destructiveHint = true, idempotentHint = true, openWorldHint = false)
    public ForgetPersonResult forgetPerson(ForgetPersonRequest request) {
        return people.forget(request);
    }

    @McpTool(name = "merge_people", scope = Scope.PEOPLE_WRITE, title = "Merge two people",
            description = "Makes two OHIDs one person: every lead, event and consent entry of absorbed_ohid answers under "
                    + "surviving_ohid, and absorbed_ohid resolves to it (get_person shows merged_into). Sends a "
                    + "PeopleMerged workflow event. Safe against concurrent ingests of either person. Repeating it "
                    + "changes nothing; there is no unmerge.",
            destructiveHint = true, idempotentHint = true, openWorldHint = false)
    public MergePeopleResult mergePeople(MergePeopleRequest request) {
        return people.merge(request);
    }

    @McpResource(uri = "person://{ohid}", name = "person", scope = Scope.LEADS_READ, title = "A person",
            description = "What get_person answers for this OHID (the first page of events), to read rather than call")
    public PersonView person(String ohid) {
        return people.get(new GetPersonRequest(PersonService.ohid(ohid), null, null, null, null));
    }

    @McpResource(uri = "status://pipeline", name = "pipeline-status", scope = Scope.GATEWAY_ADMIN, title = "Pipeline status",
            description = "Sources, channels, the store in use and its reachability, whether the workflow webhook is configured, "
                    + "the Meta lead ads receiver (its leads by state and the newest failed fetches) and the website form's abuse controls")
    public PipelineStatus.Report pipelineStatus() {
        return status.report();
    }
}
