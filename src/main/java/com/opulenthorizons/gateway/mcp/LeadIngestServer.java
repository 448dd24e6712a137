package com.opulenthorizons.gateway.mcp;

import static com.opulenthorizons.gateway.mcp.ToolSchema.anyObject;
import static com.opulenthorizons.gateway.mcp.ToolSchema.bool;
import static com.opulenthorizons.gateway.mcp.ToolSchema.email;
import static com.opulenthorizons.gateway.mcp.ToolSchema.object;
import static com.opulenthorizons.gateway.mcp.ToolSchema.oneOf;
import static com.opulenthorizons.gateway.mcp.ToolSchema.string;
import static com.opulenthorizons.gateway.mcp.ToolSchema.uuid;
import static com.opulenthorizons.gateway.mcp.ToolSchema.withDefault;

import java.util.List;

import com.opulenthorizons.gateway.common.WireJson;
import com.opulenthorizons.gateway.events.CallEventService;
import com.opulenthorizons.gateway.events.CloudTalkEventRequest;
import com.opulenthorizons.gateway.events.NotionEventRequest;
import com.opulenthorizons.gateway.events.NotionEventService;
import com.opulenthorizons.gateway.health.PipelineStatus;
import com.opulenthorizons.gateway.lead.Channel;
import com.opulenthorizons.gateway.lead.LeadIngestRequest;
import com.opulenthorizons.gateway.lead.LeadIngestService;
import com.opulenthorizons.gateway.lead.OhidLookupRequest;
import com.opulenthorizons.gateway.lead.SourceSystem;
import com.opulenthorizons.gateway.mcp.ToolDeclaration.ResourceDeclaration;
import com.opulenthorizons.gateway.store.WorkflowEventType;
import com.opulenthorizons.gateway.webhook.SignatureCheckRequest;
import com.opulenthorizons.gateway.webhook.SignatureVerifier;
import com.opulenthorizons.gateway.webhook.WebhookSource;

import io.modelcontextprotocol.spec.McpSchema.ReadResourceResult;
import io.modelcontextprotocol.spec.McpSchema.Resource;
import io.modelcontextprotocol.spec.McpSchema.TextResourceContents;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import io.modelcontextprotocol.spec.McpSchema.ToolAnnotations;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** The lead-ingest MCP server: its tools and its resource, each a thin adapter onto a service. */
@ApplicationScoped
public class LeadIngestServer {

    static final String NAME = "lead-ingest";
    static final String PATH = "/mcp/lead-ingest";
    static final String STATUS_URI = "status://pipeline";

    @Inject
    ToolCallAdapter adapter;
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

    List<ToolDeclaration> tools() {
        return List.of(ingestLead(), processCloudTalkEvent(), processNotionEvent(), lookupOhid(), verifyWebhookSignature());
    }

    List<ResourceDeclaration> resources() {
        return List.of(pipelineStatus());
    }

    private ToolDeclaration ingestLead() {
        Tool tool = Tool.builder("ingest_lead", object()
                        .required("source_system", oneOf("System the lead came from", SourceSystem.values()))
                        .required("source_lead_id", string("The lead's id in the source system; a replay of the same source_system and source_lead_id returns the first ingest's ids", 255))
                        .required("channel", oneOf("How the lead reached us", Channel.values()))
                        .required("first_name", string("Given name", 200))
                        .required("last_name", string("Family name", 200))
                        .required("marketing_consent", bool("Whether the person agreed to marketing contact"))
                        .optional("email", email("Email address; matched case-insensitively to find the person"))
                        .optional("phone", string("Phone number, international (+44...) or national in the server's default region; matched in E.164 form", 40))
                        .optional("budget_range", string("Budget, as the source states it", 100))
                        .optional("location", string("Wanted location", 200))
                        .optional("property_type", string("Wanted property type", 100))
                        .optional("free_text", string("The person's own words", 5000))
                        .optional("consent_source", string("Where consent was captured", 200))
                        .optional("raw_payload", anyObject("The source's original payload, stored as is"))
                        .build())
                .title("Ingest a lead")
                .description("Stores a lead under its person's OHID (found by email, then phone; new when neither matches) "
                        + "and records a LeadIngested workflow event. Idempotent per (source_system, source_lead_id).")
                .outputSchema(object()
                        .required("ohid", uuid("The person's stable id"))
                        .required("ingest_id", uuid("The stored lead's id"))
                        .required("source_system", oneOf("Echo of the source system", SourceSystem.values()))
                        .required("status", oneOf("Always ingested", "ingested"))
                        .build())
                .annotations(hints(false, true))
                .build();
        return new ToolDeclaration(tool, request -> adapter.call(NAME, tool.name(), request.arguments(),
                LeadIngestRequest.class, leads::ingest));
    }

    private ToolDeclaration processCloudTalkEvent() {
        Tool tool = Tool.builder("process_cloudtalk_event", object()
                        .required("event_type", string("CloudTalk event, e.g. call.started, call.ringing, call.ended", 100))
                        .required("call_id", string("CloudTalk call id", 255))
                        .required("direction", string("inbound or outbound", 20))
                        .required("from_number", string("Calling number", 40))
                        .required("to_number", string("Called number", 40))
                        .optional("recording_url", string("Recording URL, when CloudTalk has one", 2048))
                        .optional("raw", anyObject("CloudTalk's original event, stored as is"))
                        .build())
                .title("Record a CloudTalk call event")
                .description("Records a call event as a workflow event, linked to the caller's OHID when the number is a "
                        + "known lead: call.started and call.ringing become CallReceived, every other event CallCompleted. "
                        + "Idempotent per (call_id, event_type).")
                .outputSchema(object()
                        .required("event_id", uuid("The stored workflow event's id"))
                        .required("event_type", oneOf("The workflow event type", WorkflowEventType.CallReceived.name(),
                                WorkflowEventType.CallCompleted.name()))
                        .required("accepted", bool("Always true"))
                        .build())
                .annotations(hints(false, true))
                .build();
        return new ToolDeclaration(tool, request -> adapter.call(NAME, tool.name(), request.arguments(),
                CloudTalkEventRequest.class, callEvents::process));
    }

    private ToolDeclaration processNotionEvent() {
        Tool tool = Tool.builder("process_notion_event", object()
                        .required("payload", anyObject("The Notion webhook body"))
                        .build())
                .title("Record a Notion event")
                .description("Answers a verification challenge by echoing it ({challenge}); otherwise stores the payload "
                        + "as a NotionEvent workflow event.")
                .outputSchema(object()
                        .optional("challenge", string("The echoed challenge, for a verification request"))
                        .optional("event_id", uuid("The stored workflow event's id"))
                        .optional("accepted", bool("True when the event was stored"))
                        .build())
                .annotations(hints(false, false))
                .build();
        return new ToolDeclaration(tool, request -> adapter.call(NAME, tool.name(), request.arguments(),
                NotionEventRequest.class, notion::process));
    }

    private ToolDeclaration lookupOhid() {
        Tool tool = Tool.builder("lookup_ohid", object()
                        .optional("email", email("Email address, matched case-insensitively"))
                        .optional("phone", string("Phone number, normalised to E.164 as on ingest", 40))
                        .build())
                .title("Find a person's OHID")
                .description("Finds the OHID of the person with this email or phone (email first). At least one is required.")
                .outputSchema(object()
                        .required("found", bool("Whether a person was found"))
                        .optional("ohid", uuid("The person's OHID, when found"))
                        .build())
                .annotations(hints(true, true))
                .build();
        return new ToolDeclaration(tool, request -> adapter.call(NAME, tool.name(), request.arguments(),
                OhidLookupRequest.class, leads::lookup));
    }

    private ToolDeclaration verifyWebhookSignature() {
        Tool tool = Tool.builder("verify_webhook_signature", object()
                        .required("body_hex", string("The raw webhook body, hex-encoded"))
                        .required("signature", string("The signature header value: hex HMAC-SHA256 (Notion: sha256=<hex> too)", 200))
                        .optional("source", withDefault(oneOf("Whose secret to check against", WebhookSource.wireNames()),
                                WebhookSource.CLOUDTALK.wireName()))
                        .build())
                .title("Verify a webhook signature")
                .description("Checks an HMAC-SHA256 webhook signature over the raw body in constant time, against "
                        + "CLOUDTALK_WEBHOOK_SECRET or NOTION_WEBHOOK_SECRET.")
                .outputSchema(object()
                        .required("valid", bool("Whether the signature matches"))
                        .build())
                .annotations(hints(true, true))
                .build();
        return new ToolDeclaration(tool, request -> adapter.call(NAME, tool.name(), request.arguments(),
                SignatureCheckRequest.class, signatures::check));
    }

    private ResourceDeclaration pipelineStatus() {
        Resource resource = Resource.builder(STATUS_URI, "pipeline-status")
                .title("Pipeline status")
                .description("Sources, channels, the store in use and its reachability, and whether the workflow webhook is configured")
                .mimeType("application/json")
                .build();
        return new ResourceDeclaration(resource, () -> new ReadResourceResult(List.of(new TextResourceContents(
                STATUS_URI, "application/json", WireJson.MAPPER.writeValueAsString(status.report())))));
    }

    /** Nothing here deletes data, and every tool stays inside the gateway (openWorldHint false). */
    private static ToolAnnotations hints(boolean readOnly, boolean idempotent) {
        return new ToolAnnotations(null, readOnly, false, idempotent, false, null);
    }
}
