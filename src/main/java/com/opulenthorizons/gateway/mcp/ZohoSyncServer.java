package com.opulenthorizons.gateway.mcp;

import static com.opulenthorizons.gateway.mcp.ToolSchema.anyObject;
import static com.opulenthorizons.gateway.mcp.ToolSchema.bool;
import static com.opulenthorizons.gateway.mcp.ToolSchema.email;
import static com.opulenthorizons.gateway.mcp.ToolSchema.object;
import static com.opulenthorizons.gateway.mcp.ToolSchema.oneOf;
import static com.opulenthorizons.gateway.mcp.ToolSchema.string;
import static com.opulenthorizons.gateway.mcp.ToolSchema.uuid;

import java.util.List;
import java.util.Map;

import com.opulenthorizons.gateway.common.WireJson;
import com.opulenthorizons.gateway.mcp.ToolDeclaration.ResourceDeclaration;
import com.opulenthorizons.gateway.zoho.SyncDirection;
import com.opulenthorizons.gateway.zoho.SyncLeadRequest;
import com.opulenthorizons.gateway.zoho.ZohoLeadRequest;
import com.opulenthorizons.gateway.zoho.ZohoSyncService;
import com.opulenthorizons.gateway.zoho.ZohoUpsertRequest;

import io.modelcontextprotocol.spec.McpSchema.ReadResourceResult;
import io.modelcontextprotocol.spec.McpSchema.Resource;
import io.modelcontextprotocol.spec.McpSchema.TextResourceContents;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import io.modelcontextprotocol.spec.McpSchema.ToolAnnotations;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** The Zoho CRM sync MCP server: its tools and its resource, each a thin adapter onto ZohoSyncService. */
@ApplicationScoped
public class ZohoSyncServer {

    static final String NAME = "zoho-sync";
    static final String PATH = "/mcp/zoho-sync";
    static final String STATUS_URI = "status://zoho-sync";

    @Inject
    ToolCallAdapter adapter;
    @Inject
    ZohoSyncService zoho;

    List<ToolDeclaration> tools() {
        return List.of(syncLead(), getZohoLead(), upsertZohoLead());
    }

    List<ResourceDeclaration> resources() {
        return List.of(zohoStatus());
    }

    private ToolDeclaration syncLead() {
        Tool tool = Tool.builder("sync_lead", object()
                        .required("zoho_lead_id", zohoId("The Zoho lead's id"))
                        .required("sync_direction", oneOf("inbound: Zoho to the gateway (ingested, gets an OHID); "
                                + "outbound: the local lead to Zoho (upsert, Email as duplicate check); bidirectional: both, in that order",
                                SyncDirection.values()))
                        .optional("source", string("Who asks for the sync, e.g. n8n; outbound, it becomes Lead_Source", 100))
                        .optional("property_db_lead_id", uuid("Ingest id of the local lead; required for outbound and bidirectional"))
                        .build())
                .title("Sync a lead with Zoho CRM")
                .description("Synchronises one lead between Zoho CRM and the gateway. Inbound ingests the Zoho lead "
                        + "(source ZOHO_CRM, channel CRM; repeating it does not duplicate it). Outbound upserts the local lead "
                        + "into Zoho by Email; a local lead without an email becomes a new Zoho lead each time. "
                        + "Status is success (every direction worked), partial (one of two) or failed.")
                .outputSchema(object()
                        .required("status", oneOf("Overall outcome", "success", "partial", "failed"))
                        .optional("inbound_success", bool("Whether the inbound part worked (present when it ran)"))
                        .optional("outbound_success", bool("Whether the outbound part worked (present when it ran)"))
                        .required("zoho_lead_id", string("The Zoho lead's id"))
                        .optional("ohid", uuid("The person's OHID, when known"))
                        .optional("ingest_id", uuid("The local lead's ingest id, after inbound"))
                        .optional("outbound_action", oneOf("What Zoho did with the outbound upsert", "insert", "update"))
                        .optional("errors", anyObject("What went wrong, per direction (inbound, outbound)"))
                        .required("execution_time_ms", Map.of("type", "integer", "description", "Duration of the sync"))
                        .build())
                .annotations(hints(false, true, false))
                .build();
        return new ToolDeclaration(tool, request -> adapter.call(NAME, tool.name(), request.arguments(),
                SyncLeadRequest.class, zoho::sync));
    }

    private ToolDeclaration getZohoLead() {
        Tool tool = Tool.builder("get_zoho_lead", object()
                        .required("lead_id", zohoId("The Zoho lead's id"))
                        .build())
                .title("Read a Zoho CRM lead")
                .description("Reads one lead from Zoho CRM, with Zoho's own field names (Last_Name, Email, ...).")
                .outputSchema(object()
                        .required("found", bool("Whether Zoho has the lead"))
                        .optional("lead", anyObject("The Zoho record, when found"))
                        .optional("error", string("Why there is no lead, when not found"))
                        .build())
                .annotations(hints(true, false, true))
                .build();
        return new ToolDeclaration(tool, request -> adapter.call(NAME, tool.name(), request.arguments(),
                ZohoLeadRequest.class, zoho::getLead));
    }

    private ToolDeclaration upsertZohoLead() {
        Tool tool = Tool.builder("upsert_zoho_lead", object()
                        .required("last_name", string("Family name (Zoho's Last_Name)", 80))
                        .optional("email", ToolSchema.withMaxLength(email("Email; an existing Zoho lead with it is updated"), 100))
                        .optional("phone", string("Phone number", 30))
                        .optional("first_name", string("Given name", 40))
                        .optional("company", string("Company", 200))
                        .optional("lead_source", string("Zoho's Lead_Source, e.g. Web, Facebook", 120))
                        .optional("source_attribution", string("Where the lead came from; stored in Description", 2000))
                        .build())
                .title("Create or update a Zoho CRM lead")
                .description("Inserts a lead into Zoho CRM, or updates the one with the same Email (Zoho's duplicate check). "
                        + "Without an email there is nothing to match: every call inserts a new Zoho lead.")
                .outputSchema(object()
                        .required("success", bool("Always true; a refusal is a tool error naming the field"))
                        .required("zoho_lead_id", string("The Zoho lead's id"))
                        .required("action", oneOf("What Zoho did", "insert", "update"))
                        .build())
                .annotations(hints(false, true, false))
                .build();
        return new ToolDeclaration(tool, request -> adapter.call(NAME, tool.name(), request.arguments(),
                ZohoUpsertRequest.class, zoho::upsert));
    }

    private ResourceDeclaration zohoStatus() {
        Resource resource = Resource.builder(STATUS_URI, "zoho-sync-status")
                .title("Zoho sync status")
                .description("Auth mode (oauth2_refresh, static_token, not_configured), API base URL, sync directions, "
                        + "when the access token expires (never the token), and the circuit breaker as the last Zoho call "
                        + "of this replica observed it: last_observed_circuit_state is closed (the call passed it), open "
                        + "(it refused the call), unknown (the call failed in a way that counts toward opening it) or "
                        + "not_observed, at circuit_state_observed_at. It is not a live reading and may have changed since.")
                .mimeType("application/json")
                .build();
        return new ResourceDeclaration(resource, () -> new ReadResourceResult(List.of(new TextResourceContents(
                STATUS_URI, "application/json", WireJson.MAPPER.writeValueAsString(zoho.status())))));
    }

    private static Map<String, Object> zohoId(String description) {
        return Map.of("type", "string", "pattern", "^[0-9]{1,30}$", "description", description + " (digits)");
    }

    /**
     * Every tool talks to Zoho CRM (openWorldHint). The writing ones overwrite fields of an
     * existing Zoho lead (destructiveHint) and are not idempotent: Zoho matches by Email only,
     * so repeating a call for a lead without an email inserts another Zoho lead.
     */
    private static ToolAnnotations hints(boolean readOnly, boolean destructive, boolean idempotent) {
        return new ToolAnnotations(null, readOnly, readOnly ? false : destructive, idempotent, true, null);
    }
}
