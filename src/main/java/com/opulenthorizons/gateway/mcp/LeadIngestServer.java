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
 * The lead-ingest MCP server. Every tool stays inside the gateway and deletes nothing
 * (openWorldHint and destructiveHint false).
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

    @McpResource(uri = "status://pipeline", name = "pipeline-status", scope = Scope.GATEWAY_ADMIN, title = "Pipeline status",
            description = "Sources, channels, the store in use and its reachability, whether the workflow webhook is configured, "
                    + "the Meta lead ads receiver (its leads by state and the newest failed fetches) and the website form's abuse controls")
    public PipelineStatus.Report pipelineStatus() {
        return status.report();
    }
}
