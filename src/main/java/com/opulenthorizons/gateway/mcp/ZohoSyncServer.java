package com.opulenthorizons.gateway.mcp;

import com.opulenthorizons.gateway.auth.Scope;
import com.opulenthorizons.gateway.zoho.SyncLeadRequest;
import com.opulenthorizons.gateway.zoho.SyncLeadResult;
import com.opulenthorizons.gateway.zoho.ZohoLeadRequest;
import com.opulenthorizons.gateway.zoho.ZohoLeadResult;
import com.opulenthorizons.gateway.zoho.ZohoStatusReport;
import com.opulenthorizons.gateway.zoho.ZohoSyncService;
import com.opulenthorizons.gateway.zoho.ZohoUpsertRequest;
import com.opulenthorizons.gateway.zoho.ZohoUpsertResult;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The Zoho CRM sync MCP server. Every tool talks to Zoho CRM (openWorldHint). The writing ones
 * overwrite fields of an existing Zoho lead (destructiveHint) and are not idempotent: Zoho matches
 * by Email only, so repeating a call for a lead without an email inserts another Zoho lead.
 */
@ApplicationScoped
@McpServerEndpoint(name = "zoho-sync", path = "/mcp/zoho-sync")
public class ZohoSyncServer {

    @Inject
    ZohoSyncService zoho;

    @McpTool(name = "sync_lead", scope = Scope.ZOHO_WRITE, title = "Sync a lead with Zoho CRM",
            description = "Synchronises one lead between Zoho CRM and the gateway. Inbound ingests the Zoho lead "
                    + "(source ZOHO_CRM, channel CRM; repeating it does not duplicate it). Outbound upserts the local lead "
                    + "into Zoho by Email; a local lead without an email becomes a new Zoho lead each time. "
                    + "Status is success (every direction worked), partial (one of two) or failed.")
    public SyncLeadResult syncLead(SyncLeadRequest request) {
        return zoho.sync(request);
    }

    @McpTool(name = "get_zoho_lead", scope = Scope.ZOHO_READ, title = "Read a Zoho CRM lead",
            description = "Reads one lead from Zoho CRM, with Zoho's own field names (Last_Name, Email, ...).",
            readOnlyHint = true, idempotentHint = true)
    public ZohoLeadResult getZohoLead(ZohoLeadRequest request) {
        return zoho.getLead(request);
    }

    @McpTool(name = "upsert_zoho_lead", scope = Scope.ZOHO_WRITE, title = "Create or update a Zoho CRM lead",
            description = "Inserts a lead into Zoho CRM, or updates the one with the same Email (Zoho's duplicate check). "
                    + "Without an email there is nothing to match: every call inserts a new Zoho lead.")
    public ZohoUpsertResult upsertZohoLead(ZohoUpsertRequest request) {
        return zoho.upsert(request);
    }

    @McpResource(uri = "status://zoho-sync", name = "zoho-sync-status", scope = Scope.GATEWAY_ADMIN, title = "Zoho sync status",
            description = "Auth mode (oauth2_refresh, static_token, not_configured), API base URL, sync directions, "
                    + "when the access token expires (never the token), and the circuit breaker as the last Zoho call "
                    + "of this replica observed it: last_observed_circuit_state is closed (the call passed it), open "
                    + "(it refused the call), unknown (the call failed in a way that counts toward opening it) or "
                    + "not_observed, at circuit_state_observed_at. It is not a live reading and may have changed since.")
    public ZohoStatusReport zohoStatus() {
        return zoho.status();
    }
}
