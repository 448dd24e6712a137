package it.com.opulenthorizons.gateway.person;

import static it.com.opulenthorizons.gateway.GatewayUnderTest.call;
import static it.com.opulenthorizons.gateway.GatewayUnderTest.structured;
import static it.com.opulenthorizons.gateway.GatewayUnderTest.text;
import static it.com.opulenthorizons.gateway.GatewayUnderTest.unique;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.api.extension.ExtendWith;

import com.opulenthorizons.gateway.Concurrently;
import com.opulenthorizons.gateway.testing.ValidLead;

import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import it.com.opulenthorizons.gateway.GatewayUnderTest;

/**
 * The people tools under concurrent calls, against the running gateway and its PostgreSQL: ingests
 * racing a merge, search pages while leads arrive, and the ConsentChanged event an ingest sends.
 * Each thread has its own MCP session, as separate agents would.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestInstance(Lifecycle.PER_CLASS)
class PeopleConcurrencyIT {

    private final List<McpSyncClient> clients = new ArrayList<>();

    @BeforeAll
    void connect() {
        for (int i = 0; i < 9; i++) {
            clients.add(GatewayUnderTest.mcpClient("/mcp/lead-ingest"));
        }
    }

    @AfterAll
    void disconnect() {
        clients.forEach(McpSyncClient::closeGracefully);
    }

    private Map<String, Object> ok(int client, String tool, Map<String, Object> arguments) {
        CallToolResult result = call(clients.get(client), tool, arguments);
        assertThat(result.isError()).as(tool + ": " + text(result)).isFalse();
        return structured(result);
    }

    private Map<String, Object> ingest(int client, String email, String phone, String location, boolean consent) {
        Map<String, Object> lead = new HashMap<>(ValidLead.metaAd(unique("it-race")).email(email).phone(phone)
                .marketingConsent(consent).arguments());
        lead.put("location", location);
        return ok(client, "ingest_lead", lead);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<String, Object> result, String field) {
        return (List<Map<String, Object>>) result.get(field);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @Test
    void ingestsRacingAMergeAllEndUnderTheSurvivorAndNoneIsLost() throws Exception {
        String place = "Itrace" + Long.toString(System.nanoTime(), 36);
        String absorbedEmail = unique("it-abs") + "@example.com";
        String phone = ValidLead.newMobile();
        String survivor = (String) ingest(0, unique("it-sur") + "@example.com", null, place, true).get("ohid");
        String absorbed = (String) ingest(0, absorbedEmail, phone, place, true).get("ohid");

        List<String> answers = Concurrently.run(clients.size(), i -> {
            if (i == 0) {
                ok(0, "merge_people", Map.of("surviving_ohid", survivor, "absorbed_ohid", absorbed, "reason", "race"));
                return survivor;
            }
            // by the absorbed email, or by a new email with the absorbed phone: each finds the absorbed person
            Map<String, Object> lead = i % 2 == 0 ? ingest(i, absorbedEmail, null, place, true)
                    : ingest(i, unique("it-new") + "@example.com", phone, place, true);
            return (String) lead.get("ohid");
        });

        assertThat(new HashSet<>(answers)).isSubsetOf(survivor, absorbed);
        Map<String, Object> person = ok(0, "get_person", Map.of("ohid", survivor));
        assertThat(list(person, "leads")).hasSize(2 + clients.size() - 1)
                .allSatisfy(l -> assertThat(l).containsEntry("ohid", survivor));
        assertThat(ok(0, "get_person", Map.of("ohid", absorbed))).containsEntry("merged_into", survivor);
        assertThat(ok(0, "lookup_ohid", Map.of("email", absorbedEmail))).containsEntry("ohid", survivor);
        assertThat(ok(0, "lookup_ohid", Map.of("phone", phone))).containsEntry("ohid", survivor);
        // no lead is left under the absorbed OHID, and none is lost, as a search over the table sees it
        Map<String, Object> found = ok(0, "search_leads", Map.of("text", place, "limit", 100));
        assertThat(list(found, "leads")).hasSize(2 + clients.size() - 1)
                .allSatisfy(l -> assertThat(l).containsEntry("ohid", survivor));
    }

    @Test
    void searchPagesAreStableWhileLeadsArrive() throws Exception {
        String word = "Itpage" + Long.toString(System.nanoTime(), 36);
        Instant start = Instant.now().minusSeconds(1);
        Set<String> before = new HashSet<>();
        for (int i = 0; i < 25; i++) {
            before.add((String) ingest(0, null, null, word + " " + i, false).get("ingest_id"));
        }
        AtomicBoolean paging = new AtomicBoolean(true);
        List<String> seen = new ArrayList<>();
        List<Integer> counts = Concurrently.run(2, i -> {
            if (i == 0) {
                int inserted = 0;
                while (paging.get() && inserted < 60) {
                    ingest(0, null, null, word + " new", false);
                    inserted++;
                }
                return inserted;
            }
            String cursor = null;
            int pages = 0;
            do {
                Map<String, Object> arguments = new HashMap<>(Map.of("text", word, "created_from", start.toString(), "limit", 4));
                if (cursor != null) {
                    arguments.put("cursor", cursor);
                }
                Map<String, Object> page = ok(1, "search_leads", arguments);
                list(page, "leads").forEach(l -> seen.add((String) l.get("ingest_id")));
                cursor = (String) page.get("next_cursor");
                pages++;
            } while (cursor != null);
            paging.set(false);
            return pages;
        });

        assertThat(counts.get(1)).isGreaterThanOrEqualTo(7); // 25 leads that were there, 4 a page
        assertThat(seen).doesNotHaveDuplicates().containsAll(before);
    }

    @Test
    void anIngestThatChangesConsentSendsConsentChangedWithItsLead() {
        String email = unique("it-consent") + "@example.com";
        String ohid = (String) ingest(0, email, null, "Coogee", false).get("ohid");
        ingest(0, email, null, "Coogee", false);
        Map<String, Object> granted = ingest(0, email, null, "Coogee", true);

        List<Map<String, Object>> changes = list(ok(0, "list_events", Map.of("ohid", ohid, "type", "ConsentChanged")),
                "events");
        // only the grant: the first lead's consent (not given) is in its LeadIngested, the second changes nothing
        assertThat(changes).hasSize(1);
        Map<String, Object> person = ok(0, "get_person", Map.of("ohid", ohid));
        Map<String, Object> newest = list(person, "events").stream().filter(e -> "ConsentChanged".equals(e.get("type")))
                .findFirst().orElseThrow();
        assertThat(map(newest.get("details"))).containsEntry("state", "GRANTED").doesNotContainKey("ingest_id");
        // the same transaction as its lead: the grant's event is just after that lead's LeadIngested
        List<Map<String, Object>> events = list(person, "events");
        assertThat(events.get(0)).containsEntry("type", "ConsentChanged");
        assertThat(events.get(1)).containsEntry("type", "LeadIngested");
        assertThat(map(events.get(1).get("details"))).containsEntry("ingest_id", granted.get("ingest_id"));
    }
}
