package it.com.opulenthorizons.gateway.person;

import static it.com.opulenthorizons.gateway.GatewayUnderTest.call;
import static it.com.opulenthorizons.gateway.GatewayUnderTest.structured;
import static it.com.opulenthorizons.gateway.GatewayUnderTest.text;
import static it.com.opulenthorizons.gateway.GatewayUnderTest.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.api.extension.ExtendWith;

import com.opulenthorizons.gateway.testing.McpClients;
import com.opulenthorizons.gateway.testing.ValidLead;

import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.ReadResourceRequest;
import io.modelcontextprotocol.spec.McpSchema.TextResourceContents;
import it.com.opulenthorizons.gateway.GatewayUnderTest;

/** The people tools (get_person, search_leads, record_consent) through the MCP SDK's client, on PostgreSQL. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestInstance(Lifecycle.PER_CLASS)
class PeopleToolsIT {

    private McpSyncClient client;

    @BeforeAll
    void connect() {
        client = GatewayUnderTest.mcpClient("/mcp/lead-ingest");
    }

    @AfterAll
    void disconnect() {
        client.closeGracefully();
    }

    private Map<String, Object> ok(String tool, Map<String, Object> arguments) {
        CallToolResult result = call(client, tool, arguments);
        assertThat(result.isError()).as(tool + ": " + text(result)).isFalse();
        return structured(result);
    }

    private String ingest(String email, String phone, String location) {
        Map<String, Object> lead = new HashMap<>(ValidLead.metaAd(unique("it-person")).email(email).phone(phone).arguments());
        lead.put("location", location);
        return (String) ok("ingest_lead", lead).get("ohid");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aCallersNumberLeadsToThePersonTheirLeadsConsentAndCalls() {
        String phone = ValidLead.newMobile();
        String email = unique("it-ann") + "@example.com";
        String ohid = ingest(email, phone, "Bondi");
        ok("process_cloudtalk_event", Map.of("event_type", "call.ended", "call_id", unique("call"), "direction", "inbound",
                "from_number", phone, "to_number", "+61290000000", "recording_url", "https://rec.example/1.mp3"));

        Map<String, Object> person = ok("get_person", Map.of("phone", phone));

        assertThat(person).containsEntry("ohid", ohid).containsEntry("emails", List.of(email))
                .containsEntry("phones", List.of(phone)).containsEntry("names", List.of("Ann Smith"));
        assertThat((Map<String, Object>) person.get("consent")).containsEntry("state", "GRANTED");
        assertThat((List<Map<String, Object>>) person.get("leads")).singleElement()
                .satisfies(l -> assertThat(l).containsEntry("location", "Bondi").containsEntry("source_system", "META"));
        assertThat((List<Map<String, Object>>) person.get("events")).first()
                .satisfies(e -> assertThat(e).containsEntry("type", "CallCompleted").containsEntry("direction", "inbound")
                        .containsEntry("recording_url", "https://rec.example/1.mp3"));

        Map<String, Object> recorded = ok("record_consent", Map.of("ohid", ohid, "state", "WITHDRAWN", "source", "phone call"));
        assertThat(recorded).containsEntry("state", "WITHDRAWN").containsEntry("ohid", ohid);
        Map<String, Object> after = ok("get_person", Map.of("ohid", ohid, "limit", 1));
        assertThat((Map<String, Object>) after.get("consent")).containsEntry("state", "WITHDRAWN")
                .containsEntry("source", "phone call");
        assertThat((List<Map<String, Object>>) after.get("events")).singleElement()
                .satisfies(e -> assertThat(e).containsEntry("type", "ConsentChanged"));
        assertThat(after.get("next_cursor")).isNotNull();
    }

    @Test
    @SuppressWarnings("unchecked")
    void searchLeadsFiltersInPostgresqlAndPagesByCursor() {
        String place = "Itplace" + Long.toString(System.nanoTime(), 36);
        Instant start = Instant.now().minusSeconds(1);
        for (int i = 0; i < 3; i++) {
            ingest(null, null, place + " north");
        }
        Map<String, Object> first = ok("search_leads", Map.of("source_system", "META", "text", place.toLowerCase(),
                "created_from", start.toString(), "has_call_after_lead", false, "limit", 2));
        assertThat((List<Object>) first.get("leads")).hasSize(2);
        assertThat(first).containsEntry("total", 3).containsEntry("total_exact", true);
        Map<String, Object> second = ok("search_leads", Map.of("source_system", "META", "text", place,
                "created_from", start.toString(), "has_call_after_lead", false, "limit", 2, "cursor", first.get("next_cursor")));
        assertThat((List<Object>) second.get("leads")).hasSize(1);
        assertThat(second).doesNotContainKey("next_cursor");
    }

    /** The call's mark on the person's lead, through the deployed server and its PostgreSQL (V23). */
    @Test
    @SuppressWarnings("unchecked")
    void aCallThroughCloudTalkCountsAsACallAfterTheLead() {
        String place = "Itcall" + Long.toString(System.nanoTime(), 36);
        String phone = ValidLead.newMobile();
        Instant start = Instant.now().minusSeconds(1);
        ingest(null, phone, place + " south");
        Map<String, Object> calledBack = Map.of("source_system", "META", "text", place, "created_from", start.toString(),
                "has_call_after_lead", true);
        assertThat((List<Object>) ok("search_leads", calledBack).get("leads")).isEmpty();

        ok("process_cloudtalk_event", Map.of("event_type", "call.ended", "call_id", unique("call"), "direction", "outbound",
                "from_number", "+61290000000", "to_number", phone));

        assertThat((List<Object>) ok("search_leads", calledBack).get("leads")).hasSize(1);
        assertThat(ok("search_leads", Map.of("source_system", "META", "created_from", start.toString(),
                "has_call_after_lead", false, "text", place))).containsEntry("total", 0);
    }

    @Test
    @SuppressWarnings("unchecked")
    void mergeThenForgetAndTheEmailStartsANewPerson() {
        String phone = ValidLead.newMobile();
        String email = unique("it-merge") + "@example.com";
        String survivor = ingest(unique("it-sur") + "@example.com", null, "Manly");
        String absorbed = ingest(email, phone, "Manly");

        Map<String, Object> merged = ok("merge_people", Map.of("surviving_ohid", survivor, "absorbed_ohid", absorbed,
                "reason", "same person"));
        assertThat(merged).containsEntry("merged_now", true);
        Map<String, Object> viaAbsorbed = ok("get_person", Map.of("ohid", absorbed));
        assertThat(viaAbsorbed).containsEntry("merged_into", survivor);
        assertThat((List<Object>) viaAbsorbed.get("leads")).hasSize(2);
        assertThat(ok("get_person", Map.of("email", email))).containsEntry("ohid", survivor);

        Map<String, Object> forgotten = ok("forget_person", Map.of("ohid", survivor, "reason", "erasure request 77"));
        assertThat(forgotten).containsEntry("erased_now", true).containsEntry("reason", "erasure request 77");
        assertThat(ok("forget_person", Map.of("ohid", survivor, "reason", "again"))).containsEntry("erased_now", false);
        assertThat((Map<String, Object>) ok("get_person", Map.of("ohid", survivor)).get("forgotten"))
                .containsEntry("reason", "erasure request 77");
        assertThat(ingest(email, phone, "Manly")).isNotIn(survivor, absorbed);
    }

    @Test
    void aReadOnlyKeyCanReadPeopleButNotForgetThem() {
        String ohid = ingest(unique("it-ro") + "@example.com", null, "Manly");
        McpSyncClient reader = McpClients.connect(GatewayUnderTest.baseUrl(), "/mcp/lead-ingest", "it-reader-key");
        try {
            assertThat(call(reader, "get_person", Map.of("ohid", ohid)).isError()).isFalse();
            // 403 insufficient_scope (scope="people:erase"), which the SDK's client reports as an authorization error
            assertThatThrownBy(() -> call(reader, "forget_person", Map.of("ohid", ohid, "reason", "test")))
                    .hasMessageContaining("Authorization error");
        } finally {
            reader.closeGracefully();
        }
        assertThat(ok("get_person", Map.of("ohid", ohid))).doesNotContainKey("forgotten");
    }

    @Test
    void aPersonCanBeReadAsTheResourceTemplatePersonOhid() {
        String ohid = ingest(unique("it-res") + "@example.com", null, "Coogee");
        assertThat(client.listResourceTemplates().resourceTemplates()).anySatisfy(t -> assertThat(t.uriTemplate())
                .isEqualTo("person://{ohid}"));
        var read = client.readResource(new ReadResourceRequest("person://" + ohid));
        String json = ((TextResourceContents) read.contents().get(0)).text();
        assertThat(json).contains("\"ohid\":\"" + ohid + "\"").contains("\"location\":\"Coogee\"");
        assertThatThrownBy(() -> client.readResource(new ReadResourceRequest("person://" + java.util.UUID.randomUUID())))
                .hasMessageContaining("no person has the OHID");
    }

    @Test
    void aPageOverOneHundredAndAnUnknownPersonAreErrors() {
        CallToolResult tooMany = call(client, "search_leads", Map.of("limit", 101));
        assertThat(tooMany.isError()).isTrue();
        assertThat(text(tooMany)).contains("limit");
        CallToolResult unknown = call(client, "get_person", Map.of("ohid", java.util.UUID.randomUUID().toString()));
        assertThat(unknown.isError()).isTrue();
        assertThat(text(unknown)).contains("no person has the OHID");
    }
}
