package com.opulenthorizons.gateway.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import com.opulenthorizons.gateway.common.RecordBinder;
import com.opulenthorizons.gateway.LogCapture;
import com.opulenthorizons.gateway.auth.Caller;
import com.opulenthorizons.gateway.auth.Scope;
import com.opulenthorizons.gateway.common.Correlation;
import com.opulenthorizons.gateway.common.WireJson;
import com.opulenthorizons.gateway.lead.LeadIngestRequest;
import com.opulenthorizons.gateway.lead.LeadIngestResult;
import com.opulenthorizons.gateway.lead.OhidLookupRequest;
import com.opulenthorizons.gateway.lead.SourceSystem;
import com.opulenthorizons.gateway.store.StoreUnavailableException;
import com.opulenthorizons.gateway.testing.ValidLead;
import com.opulenthorizons.gateway.webhook.SignatureCheckRequest;
import com.opulenthorizons.gateway.webhook.SignatureCheckResult;

import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import jakarta.validation.Validation;
import tools.jackson.core.type.TypeReference;

class ToolCallAdapterTest {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final ToolCallAdapter adapter = new ToolCallAdapter(new RecordBinder(Validation.buildDefaultValidatorFactory()));

    private static Map<String, Object> validLead() {
        return ValidLead.web("w-1").arguments();
    }

    private static String text(CallToolResult result) {
        return ((TextContent) result.content().get(0)).text();
    }

    private CallToolResult ingest(Map<String, Object> args) {
        UUID ohid = UUID.randomUUID();
        UUID ingestId = UUID.randomUUID();
        return adapter.call(new ToolCall("lead-ingest", "ingest_lead", Scope.LEADS_WRITE, Caller.UNAUTHENTICATED), args, LeadIngestRequest.class,
                r -> LeadIngestResult.ingested(ohid, ingestId, r.sourceSystem()));
    }

    @Test
    void everyCallWritesOneAuditLineWithoutItsArguments() {
        Map<String, Object> args = validLead();
        args.put("email", "ann.secret@example.com");
        try (LogCapture audit = LogCapture.of("com.opulenthorizons.gateway.audit")) {
            ingest(args);
            args.put("email", "not an \"email\"");
            ingest(args);

            List<Map<String, Object>> lines = audit.records().stream()
                    .map(r -> WireJson.PLAIN.readValue(r.getMessage(), MAP))
                    .toList();
            // one line per call at INFO and above; tool.start is at FINE, for tracing calls that hang
            assertThat(lines).extracting(l -> l.get("event")).containsExactly("tool.end", "tool.error");
            assertThat(lines.get(0)).containsEntry("server", "lead-ingest").containsEntry("tool", "ingest_lead")
                    .containsEntry("caller", Caller.UNAUTHENTICATED.name()).containsKey("duration_ms");
            assertThat((String) lines.get(0).get("correlation_id")).isNotBlank()
                    .isNotEqualTo(lines.get(1).get("correlation_id"));
            assertThat(lines.get(1)).containsEntry("error_type", "invalid_argument")
                    .containsEntry("message", "email: must be a well-formed email address");
            assertThat(audit.records()).allSatisfy(r -> assertThat(r.getMessage()).doesNotContain("ann.secret"));
        }
    }

    @Test
    void theStartOfACallIsAuditedAtFineUnderTheSameCorrelationId() {
        Logger logger = Logger.getLogger("com.opulenthorizons.gateway.audit");
        Level before = logger.getLevel();
        logger.setLevel(Level.FINE);
        try (LogCapture audit = LogCapture.of("com.opulenthorizons.gateway.audit")) {
            ingest(validLead());
            List<Map<String, Object>> lines = audit.records().stream()
                    .map(r -> WireJson.PLAIN.readValue(r.getMessage(), MAP))
                    .toList();
            assertThat(lines).extracting(l -> l.get("event")).containsExactly("tool.start", "tool.end");
            assertThat(audit.records().get(0).getLevel()).isEqualTo(Level.FINE);
            assertThat(lines.get(0).get("correlation_id")).isEqualTo(lines.get(1).get("correlation_id"));
        } finally {
            logger.setLevel(before);
        }
    }

    @Test
    void answersWithSnakeCaseStructuredContentAndTheSameJsonAsText() {
        CallToolResult result = ingest(validLead());
        assertThat(result.isError()).isFalse();
        Map<String, Object> structured = ToolResults.structured(result);
        assertThat(structured).containsOnlyKeys("ohid", "ingest_id", "source_system", "status");
        assertThat(structured).containsEntry("source_system", "WEB").containsEntry("status", "ingested");
        assertThat(text(result)).startsWith("{\"ohid\":\"").contains("\"ingest_id\":\"");
    }

    @Test
    void bindsSnakeCaseArgumentsToTheRecord() {
        AtomicReference<LeadIngestRequest> seen = new AtomicReference<>();
        Map<String, Object> args = validLead();
        args.put("raw_payload", Map.of("k", "v"));
        adapter.call(new ToolCall("lead-ingest", "ingest_lead", Scope.LEADS_WRITE, Caller.UNAUTHENTICATED), args, LeadIngestRequest.class, r -> {
            seen.set(r);
            return LeadIngestResult.ingested(UUID.randomUUID(), UUID.randomUUID(), r.sourceSystem());
        });
        assertThat(seen.get().sourceLeadId()).isEqualTo("w-1");
        assertThat(seen.get().sourceSystem()).isEqualTo(SourceSystem.WEB);
        assertThat(seen.get().rawPayload()).isEqualTo(Map.of("k", "v"));
    }

    @Test
    void aMissingRequiredFieldNamesTheFieldAndTheRule() {
        Map<String, Object> args = validLead();
        args.remove("last_name");
        CallToolResult result = ingest(args);
        assertThat(result.isError()).isTrue();
        assertThat(text(result)).isEqualTo("last_name: must not be blank");
    }

    @Test
    void anUnknownEnumValueListsTheAllowedValues() {
        Map<String, Object> args = validLead();
        args.put("channel", "CARRIER_PIGEON");
        CallToolResult result = ingest(args);
        assertThat(result.isError()).isTrue();
        assertThat(text(result)).isEqualTo("channel: must be one of META_LEAD_AD, WEB_FORM, INBOUND_CALL, OUTBOUND_CALL, CRM, SOCIAL");
    }

    @Test
    void aCallerWithoutTheToolsScopeIsRefusedAndTheServiceNeverRuns() {
        Caller reader = new Caller("reporting-agent", java.util.Set.of(Scope.LEADS_READ));
        AtomicReference<Boolean> ran = new AtomicReference<>(false);
        try (LogCapture audit = LogCapture.of("com.opulenthorizons.gateway.audit")) {
            CallToolResult result = adapter.call(new ToolCall("lead-ingest", "ingest_lead", Scope.LEADS_WRITE, reader), validLead(),
                    LeadIngestRequest.class, r -> {
                        ran.set(true);
                        return null;
                    });

            assertThat(result.isError()).isTrue();
            assertThat(text(result)).isEqualTo(
                    "this tool needs the scope leads:write, which the caller reporting-agent has not been granted");
            assertThat(ran.get()).isFalse();
            assertThat(audit.records()).hasSize(1);
            assertThat(audit.records().get(0).getMessage()).contains("\"caller\":\"reporting-agent\"")
                    .contains("\"error_type\":\"insufficient_scope\"");
        }
    }

    @Test
    void anUnknownEnumValueListsTheValuesAsTheyAreWrittenOnTheWire() {
        CallToolResult result = adapter.call(new ToolCall("lead-ingest", "verify_webhook_signature", Scope.LEADS_READ, Caller.UNAUTHENTICATED),
                Map.of("body_hex", "00", "signature", "00", "source", "stripe"), SignatureCheckRequest.class,
                r -> new SignatureCheckResult(false));
        assertThat(result.isError()).isTrue();
        assertThat(text(result)).isEqualTo("source: must be one of cloudtalk, notion, meta");
    }

    @Test
    void aWrongTypeNamesTheExpectedType() {
        Map<String, Object> args = validLead();
        args.put("raw_payload", "not an object");
        assertThat(text(ingest(args))).isEqualTo("raw_payload: must be an object");
    }

    @Test
    void anUnknownParameterIsRefused() {
        Map<String, Object> args = validLead();
        args.put("shoe_size", 42);
        assertThat(text(ingest(args))).isEqualTo("shoe_size: is not a known parameter");
    }

    @Test
    void severalViolationsAreAllReported() {
        Map<String, Object> args = validLead();
        args.put("first_name", " ");
        args.put("email", "not-an-email");
        assertThat(text(ingest(args))).isEqualTo("email: must be a well-formed email address; first_name: must not be blank");
    }

    @Test
    void aClassLevelRuleIsReported() {
        CallToolResult result = adapter.call(new ToolCall("lead-ingest", "lookup_ohid", Scope.LEADS_READ, Caller.UNAUTHENTICATED), Map.of(), OhidLookupRequest.class, r -> r);
        assertThat(result.isError()).isTrue();
        assertThat(text(result)).isEqualTo("email_or_phone: at least one of email or phone is required");
    }

    @Test
    void aStoreOutageIsReportedWithTheCorrelationId() {
        CallToolResult result = adapter.call(new ToolCall("lead-ingest", "ingest_lead", Scope.LEADS_WRITE, Caller.UNAUTHENTICATED), validLead(), LeadIngestRequest.class, r -> {
            throw new StoreUnavailableException("PostgreSQL is unreachable", null);
        });
        assertThat(result.isError()).isTrue();
        assertThat(text(result)).matches("PostgreSQL is unreachable \\(correlation id [0-9a-f-]{36}\\)");
    }

    @Test
    void anUnexpectedFailureShowsNoInternalsButTheCorrelationId() {
        CallToolResult result = adapter.call(new ToolCall("lead-ingest", "ingest_lead", Scope.LEADS_WRITE, Caller.UNAUTHENTICATED), validLead(), LeadIngestRequest.class, r -> {
            throw new IllegalStateException("secret internals at com.example.Foo");
        });
        assertThat(result.isError()).isTrue();
        assertThat(text(result)).doesNotContain("secret internals").doesNotContain("Exception")
                .matches("internal error; the server log has the details under correlation id [0-9a-f-]{36}");
    }

    @Test
    void theServiceRunsUnderTheCallsCorrelationId() {
        AtomicReference<String> seen = new AtomicReference<>();
        adapter.call(new ToolCall("lead-ingest", "lookup_ohid", Scope.LEADS_READ, Caller.UNAUTHENTICATED), Map.of("email", "a@b.c"), OhidLookupRequest.class, r -> {
            seen.set(Correlation.current().orElse(null));
            return r;
        });
        assertThat(seen.get()).isNotNull();
        assertThat(Correlation.current()).isEmpty();
    }
}
