package it.com.opulenthorizons.gateway.mcp;

import static it.com.opulenthorizons.gateway.GatewayUnderTest.call;
import static it.com.opulenthorizons.gateway.GatewayUnderTest.structured;
import static it.com.opulenthorizons.gateway.GatewayUnderTest.text;
import static it.com.opulenthorizons.gateway.GatewayUnderTest.unique;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.api.extension.ExtendWith;

import com.opulenthorizons.gateway.testing.Hmac;
import com.opulenthorizons.gateway.testing.ValidLead;

import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.ReadResourceRequest;
import io.modelcontextprotocol.spec.McpSchema.TextResourceContents;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import it.com.opulenthorizons.gateway.GatewayUnderTest;
import tools.jackson.databind.json.JsonMapper;

/** The lead-ingest tools through the MCP Java SDK's own client, against the WAR on Open Liberty. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestInstance(Lifecycle.PER_CLASS)
class LeadIngestToolsIT {

    /** The server under test is started with this secret (pom.xml). */
    private static final String CLOUDTALK_SECRET = "it-cloudtalk-secret";

    private McpSyncClient client;

    @BeforeAll
    void connect() {
        client = GatewayUnderTest.mcpClient("/mcp/lead-ingest");
    }

    @AfterAll
    void disconnect() {
        client.closeGracefully();
    }

    /** A Meta lead ad, as the ingest tests send it; email and phone may be null. */
    private static Map<String, Object> lead(String sourceLeadId, String email, String phone) {
        return ValidLead.metaAd(sourceLeadId).email(email).phone(phone).arguments();
    }

    // --- tools/list -----------------------------------------------------------------------

    @Test
    void listsTheLeadIngestToolsWithSchemasAndHints() {
        Map<String, Tool> tools = client.listTools().tools().stream().collect(Collectors.toMap(Tool::name, Function.identity()));
        assertThat(tools).containsOnlyKeys("ingest_lead", "process_cloudtalk_event", "process_notion_event", "lookup_ohid",
                "get_person", "search_leads", "record_consent", "forget_person", "merge_people",
                "verify_webhook_signature", "list_events", "replay_events", "replay_meta_leads");
        tools.values().forEach(t -> {
            assertThat(t.outputSchema()).as(t.name() + " outputSchema").isNotNull();
            assertThat(t.description()).as(t.name() + " description").isNotBlank();
            assertThat(t.annotations()).as(t.name() + " annotations").isNotNull();
        });
        assertThat(tools.get("lookup_ohid").annotations().readOnlyHint()).isTrue();
        assertThat(tools.get("verify_webhook_signature").annotations().readOnlyHint()).isTrue();
        assertThat(tools.get("ingest_lead").annotations().readOnlyHint()).isFalse();
        assertThat(tools.get("ingest_lead").annotations().idempotentHint()).isTrue();
        assertThat(tools.get("list_events").annotations().readOnlyHint()).isTrue();
        var replay = tools.get("replay_events").annotations();
        assertThat(List.of(replay.readOnlyHint(), replay.idempotentHint(), replay.destructiveHint(), replay.openWorldHint()))
                .containsExactly(false, true, false, false);
    }

    @Test
    void theEnumsAppearInTheIngestInputSchema() {
        Tool ingest = client.listTools().tools().stream().filter(t -> t.name().equals("ingest_lead")).findFirst().orElseThrow();
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> props = (Map<String, Map<String, Object>>) ingest.inputSchema().get("properties");
        assertThat(props.get("source_system").get("enum")).isEqualTo(List.of("META", "WEB", "CLOUDTALK", "ZOHO_CRM", "ZOHO_SOCIAL"));
        assertThat(props.get("channel").get("enum"))
                .isEqualTo(List.of("META_LEAD_AD", "WEB_FORM", "INBOUND_CALL", "OUTBOUND_CALL", "CRM", "SOCIAL"));
        assertThat(ingest.inputSchema().get("required")).asList()
                .containsExactlyInAnyOrder("source_system", "source_lead_id", "channel", "first_name", "last_name", "marketing_consent");
    }

    // --- ingest_lead and lookup_ohid ------------------------------------------------------

    @Test
    void ingestThenLookupByEmailAndByPhone() {
        String email = unique("ann") + "@Example.com";
        CallToolResult ingested = call(client, "ingest_lead", lead(unique("m"), email, "+44 20 7946 0001"));

        assertThat(ingested.isError()).isFalse();
        Map<String, Object> out = structured(ingested);
        assertThat(out).containsEntry("status", "ingested").containsEntry("source_system", "META");
        assertThat(text(ingested)).isEqualTo(JsonMapper.shared().writeValueAsString(out));
        Object ohid = out.get("ohid");

        assertThat(structured(call(client, "lookup_ohid", Map.of("email", email.toUpperCase()))))
                .isEqualTo(Map.of("ohid", ohid, "found", true));
        assertThat(structured(call(client, "lookup_ohid", Map.of("phone", "+442079460001"))))
                .containsEntry("found", true);
    }

    @Test
    void aReplayReturnsTheFirstIngestsIds() {
        Map<String, Object> args = lead(unique("m"), unique("replay") + "@example.com", null);
        Map<String, Object> first = structured(call(client, "ingest_lead", args));
        Map<String, Object> again = structured(call(client, "ingest_lead", args));
        assertThat(again).isEqualTo(first);
    }

    @Test
    void lookupOfAnUnknownPersonIsFoundFalse() {
        CallToolResult result = call(client, "lookup_ohid", Map.of("email", unique("nobody") + "@example.com"));
        assertThat(result.isError()).isFalse();
        assertThat(structured(result)).isEqualTo(Map.of("found", false));
    }

    // --- validation errors ----------------------------------------------------------------

    @Test
    void ingestWithAnUnknownSourceSystemIsAToolErrorNamingTheField() {
        Map<String, Object> args = lead(unique("m"), null, null);
        args.put("source_system", "FAX");
        CallToolResult result = call(client, "ingest_lead", args);
        assertThat(result.isError()).isTrue();
        assertThat(text(result)).isEqualTo("source_system: must be one of META, WEB, CLOUDTALK, ZOHO_CRM, ZOHO_SOCIAL");
    }

    @Test
    void ingestWithoutARequiredFieldIsAToolError() {
        Map<String, Object> args = lead(unique("m"), null, null);
        args.remove("marketing_consent");
        CallToolResult result = call(client, "ingest_lead", args);
        assertThat(result.isError()).isTrue();
        assertThat(text(result)).isEqualTo("marketing_consent: must not be null");
    }

    @Test
    void aWrongTypeIsAToolErrorNamingTheType() {
        Map<String, Object> args = lead(unique("m"), null, null);
        args.put("raw_payload", List.of("not", "an", "object"));
        CallToolResult result = call(client, "ingest_lead", args);
        assertThat(result.isError()).isTrue();
        assertThat(text(result)).isEqualTo("raw_payload: must be an object");
    }

    @Test
    void anUnknownParameterIsAToolError() {
        Map<String, Object> args = lead(unique("m"), null, null);
        args.put("budget", "1M");
        CallToolResult result = call(client, "ingest_lead", args);
        assertThat(result.isError()).isTrue();
        assertThat(text(result)).isEqualTo("budget: is not a known parameter");
    }

    @Test
    void ingestWithABadEmailIsAToolErrorNamingTheRule() {
        CallToolResult result = call(client, "ingest_lead", lead(unique("m"), "not-an-email", null));
        assertThat(result.isError()).isTrue();
        assertThat(text(result)).isEqualTo("email: must be a well-formed email address");
    }

    @Test
    void ingestWithAnImpossiblePhoneIsAToolError() {
        CallToolResult result = call(client, "ingest_lead", lead(unique("m"), null, "12"));
        assertThat(result.isError()).isTrue();
        assertThat(text(result)).startsWith("phone: must be a phone number");
    }

    @Test
    void ingestWithABlankNameIsAToolError() {
        Map<String, Object> args = lead(unique("m"), null, null);
        args.put("first_name", "  ");
        CallToolResult result = call(client, "ingest_lead", args);
        assertThat(result.isError()).isTrue();
        assertThat(text(result)).isEqualTo("first_name: must not be blank");
    }

    @Test
    void lookupWithNeitherEmailNorPhoneIsAToolError() {
        CallToolResult result = call(client, "lookup_ohid", Map.of());
        assertThat(result.isError()).isTrue();
        assertThat(text(result)).isEqualTo("email_or_phone: at least one of email or phone is required");
    }

    // --- process_cloudtalk_event ----------------------------------------------------------

    @Test
    void aRingingCallIsACallReceivedEvent() {
        CallToolResult result = call(client, "process_cloudtalk_event", Map.of("event_type", "call.ringing",
                "call_id", unique("call"), "direction", "inbound", "from_number", "+442079460002", "to_number", "+442079460000"));
        assertThat(result.isError()).isFalse();
        assertThat(structured(result)).containsEntry("event_type", "CallReceived").containsEntry("accepted", true)
                .containsKey("event_id");
    }

    @Test
    void anEndedCallIsACallCompletedEvent() {
        CallToolResult result = call(client, "process_cloudtalk_event", Map.of("event_type", "call.ended",
                "call_id", unique("call"), "direction", "outbound", "from_number", "+442079460000", "to_number", "+442079460002",
                "recording_url", "https://recordings.example/1.mp3", "raw", Map.of("duration", 42)));
        assertThat(structured(result)).containsEntry("event_type", "CallCompleted");
    }

    @Test
    void aCallEventWithoutCallIdIsAToolError() {
        CallToolResult result = call(client, "process_cloudtalk_event", Map.of("event_type", "call.ended",
                "direction", "inbound", "from_number", "+442079460002", "to_number", "+442079460000"));
        assertThat(result.isError()).isTrue();
        assertThat(text(result)).contains("call_id");
    }

    // --- process_notion_event -------------------------------------------------------------

    @Test
    void aNotionChallengeIsEchoed() {
        CallToolResult result = call(client, "process_notion_event", Map.of("payload", Map.of("challenge", "c-123")));
        assertThat(structured(result)).isEqualTo(Map.of("challenge", "c-123"));
    }

    @Test
    void aNotionEventIsStored() {
        CallToolResult result = call(client, "process_notion_event",
                Map.of("payload", Map.of("type", "page.updated", "entity", Map.of("id", "p-1"))));
        assertThat(structured(result)).containsEntry("accepted", true).containsKey("event_id");
    }

    @Test
    void aNotionEventThatIsNotAnObjectIsAToolError() {
        CallToolResult result = call(client, "process_notion_event", Map.of("payload", "text"));
        assertThat(result.isError()).isTrue();
        assertThat(text(result)).isEqualTo("payload: must be an object");
    }

    // --- verify_webhook_signature ---------------------------------------------------------

    @Test
    void aCorrectCloudTalkSignatureIsValidAndAWrongOneIsNot() {
        byte[] body = "{\"call_id\":\"42\"}".getBytes(StandardCharsets.UTF_8);
        String bodyHex = HexFormat.of().formatHex(body);
        String good = Hmac.sha256Hex(CLOUDTALK_SECRET, body);
        assertThat(structured(call(client, "verify_webhook_signature", Map.of("body_hex", bodyHex, "signature", good))))
                .isEqualTo(Map.of("valid", true));
        assertThat(structured(call(client, "verify_webhook_signature",
                Map.of("body_hex", bodyHex, "signature", Hmac.sha256Hex("wrong", body), "source", "cloudtalk"))))
                .isEqualTo(Map.of("valid", false));
    }

    @Test
    void badHexIsAToolError() {
        CallToolResult result = call(client, "verify_webhook_signature", Map.of("body_hex", "xyz1", "signature", "00"));
        assertThat(result.isError()).isTrue();
        assertThat(text(result)).startsWith("body_hex: ");
    }

    @Test
    void anUnknownSourceIsAToolError() {
        CallToolResult result = call(client, "verify_webhook_signature",
                Map.of("body_hex", "00", "signature", "00", "source", "stripe"));
        assertThat(result.isError()).isTrue();
        assertThat(text(result)).contains("source");
    }

    // --- status://pipeline ----------------------------------------------------------------

    @Test
    void thePipelineStatusResourceDescribesTheStore() throws Exception {
        var contents = client.readResource(new ReadResourceRequest("status://pipeline")).contents();
        assertThat(contents).hasSize(1);
        TextResourceContents text = (TextResourceContents) contents.get(0);
        assertThat(text.mimeType()).isEqualTo("application/json");
        @SuppressWarnings("unchecked")
        Map<String, Object> status = JsonMapper.shared().readValue(text.text(), Map.class);
        assertThat(status).containsKeys("sources", "channels", "store", "store_reachable", "workflow_webhook_configured");
        assertThat(status.get("store")).isIn("in-memory", "postgres");
        assertThat(status.get("store_reachable")).isEqualTo(true);
        assertThat(status.get("sources")).asList().contains("ZOHO_CRM");
        assertThat(status).containsEntry("delivery_state", "running");
        assertThat(status.get("delivery_pause")).isNull();
    }

    @Test
    void listsTheStatusResource() {
        assertThat(client.listResources().resources()).anySatisfy(r -> {
            assertThat(r.uri()).isEqualTo("status://pipeline");
            assertThat(r.mimeType()).isEqualTo("application/json");
        });
    }
}
