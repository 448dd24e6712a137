package com.opulenthorizons.gateway.zoho;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import org.junit.jupiter.api.Test;

import com.opulenthorizons.gateway.common.RecordBinder;
import com.opulenthorizons.gateway.LogCapture;
import com.opulenthorizons.gateway.auth.Caller;
import com.opulenthorizons.gateway.auth.Scope;
import com.opulenthorizons.gateway.mcp.ToolCall;
import com.opulenthorizons.gateway.mcp.ToolCallAdapter;
import com.opulenthorizons.gateway.zoho.client.ZohoException;
import com.opulenthorizons.gateway.zoho.client.ZohoRetryableException;
import com.opulenthorizons.gateway.zoho.client.ZohoTimeoutException;

import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import jakarta.validation.Validation;

/** A Zoho fault (unreachable, 5xx, timeout) reaching the MCP layer leaves its cause in the server log. */
class ZohoToolErrorLoggingTest {

    private final ToolCallAdapter adapter = new ToolCallAdapter(new RecordBinder(Validation.buildDefaultValidatorFactory()));

    private CallToolResult failingWith(ZohoException e) {
        return adapter.call(new ToolCall("zoho-sync", "get_zoho_lead", Scope.LEADS_READ, Caller.UNAUTHENTICATED), Map.of("lead_id", "1001"), ZohoLeadRequest.class, r -> {
            throw e;
        });
    }

    @Test
    void anUnreachableZohoIsLoggedWithTheCorrelationIdAndTheCause() {
        try (LogCapture log = LogCapture.of(ToolCallAdapter.class)) {
            CallToolResult result = failingWith(new ZohoRetryableException(ZohoException.Kind.UNREACHABLE,
                    "Zoho at http://zoho.test/crm/v8 could not be reached: ConnectException",
                    new ConnectException("Connection refused to http://zoho.test/crm/v8/Leads/search?email=ann@example.com")));
            assertThat(result.isError()).isTrue();
            assertThat(log.records()).singleElement().satisfies(r -> {
                assertThat(r.getLevel()).isEqualTo(Level.WARNING);
                assertThat(r.getMessage()).containsPattern("correlation_id=[0-9a-f-]{36}")
                        .contains("zoho_unreachable").contains("get_zoho_lead")
                        .contains("java.net.ConnectException: Connection refused")
                        .doesNotContain("ann@example.com");
            });
        }
    }

    @Test
    void serverErrorsAndTimeoutsAreLoggedButRefusalsAreNot() {
        try (LogCapture log = LogCapture.of(ToolCallAdapter.class)) {
            failingWith(new ZohoRetryableException(ZohoException.Kind.SERVER_ERROR, 500, "INTERNAL_ERROR",
                    "Zoho server error: HTTP 500 INTERNAL_ERROR", null));
            failingWith(new ZohoTimeoutException("Zoho did not answer in time", new java.net.SocketTimeoutException("Read timed out")));
            failingWith(new ZohoException(ZohoException.Kind.REJECTED, 400, "INVALID_DATA", "Zoho refused the lead", null));
            failingWith(new ZohoException(ZohoException.Kind.NOT_CONFIGURED, 0, null, "Zoho CRM is not configured", null));
            assertThat(log.records()).extracting(LogRecord::getMessage).hasSize(2)
                    .anySatisfy(m -> assertThat(m).contains("zoho_server_error").contains("HTTP 500 INTERNAL_ERROR"))
                    .anySatisfy(m -> assertThat(m).contains("zoho_timeout").contains("java.net.SocketTimeoutException: Read timed out"));
        }
    }
}
