package com.opulenthorizons.gateway.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.opulenthorizons.gateway.auth.Caller;
import com.opulenthorizons.gateway.auth.Scope;

import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema.ReadResourceRequest;
import io.modelcontextprotocol.spec.McpSchema.Tool;

/** The tool declarations of both servers, read from their annotated methods and records. */
class McpServerRegistryTest {

    private final McpServerRegistry registry = new McpServerRegistry();

    @Test
    void declaredToolsMatchTheGoldenToolsList() throws Exception {
        String actual = ToolsListJson.of(Map.of(
                "lead-ingest", toolsOf(LeadIngestServer.class),
                "zoho-sync", toolsOf(ZohoSyncServer.class)));

        assertThat(actual).as("tools/list against " + ToolsListJson.GOLDEN + " (regenerate with -Dgolden.update=true)")
                .isEqualTo(ToolsListJson.golden(actual));
    }

    @Test
    @SuppressWarnings("unchecked")
    void schemasKeepTheRecordsComponentOrder() {
        Tool ingest = toolsOf(LeadIngestServer.class).stream().filter(t -> t.name().equals("ingest_lead")).findFirst().orElseThrow();

        assertThat(List.copyOf(((Map<String, ?>) ingest.inputSchema().get("properties")).keySet())).startsWith("source_system", "source_lead_id", "channel",
                "first_name", "last_name", "marketing_consent", "email", "phone");
        assertThat((List<String>) ingest.inputSchema().get("required")).containsExactly("source_system", "source_lead_id", "channel",
                "first_name", "last_name", "marketing_consent");
    }

    @Test
    void serversAndResourcesAreReadFromTheirAnnotations() {
        var server = registry.declare(ZohoSyncServer.class, new ZohoSyncServer());

        assertThat(server.name()).isEqualTo("zoho-sync");
        assertThat(server.path()).isEqualTo("/mcp/zoho-sync");
        assertThat(server.resources()).extracting(r -> r.resource().uri()).containsExactly("status://zoho-sync");
    }

    @McpServerEndpoint(name = "broken", path = "/mcp/broken")
    public static class TakesAString {
        @McpTool(name = "echo", scope = Scope.LEADS_READ, title = "Echo", description = "Echoes.")
        public NewToolTest.GreetResult echo(String text) {
            return new NewToolTest.GreetResult(text);
        }
    }

    @McpServerEndpoint(name = "broken", path = "/mcp/broken")
    public static class NameTwice {
        @McpTool(name = "greet", scope = Scope.LEADS_READ, title = "Greet", description = "Greets.")
        public NewToolTest.GreetResult greet(NewToolTest.GreetRequest request) {
            return new NewToolTest.GreetResult("Hello");
        }

        @McpTool(name = "greet", scope = Scope.LEADS_READ, title = "Greet again", description = "Greets again.")
        public NewToolTest.GreetResult greetAgain(NewToolTest.GreetRequest request) {
            return new NewToolTest.GreetResult("Hello again");
        }
    }

    @Test
    void aStatusResourceIsReadOnlyWithTheAdminScope() {
        var status = registry.declare(ZohoSyncServer.class, new ZohoSyncServer()).resources().get(0);
        McpTransportContext reader = McpTransportContext.create(
                Map.of(Caller.ATTRIBUTE, new Caller("reader", java.util.Set.of(Scope.LEADS_READ))));

        assertThat(status.scope()).isEqualTo(Scope.GATEWAY_ADMIN);
        assertThatThrownBy(() -> status.reader().apply(reader, new ReadResourceRequest("status://zoho-sync")))
                .isInstanceOf(McpError.class)
                .hasMessageContaining("needs the scope gateway:admin, which the caller reader has not been granted");
    }

    @Test
    void aToolMethodThatDoesNotTakeARecordStopsTheStartWithItsName() {
        assertThatThrownBy(() -> registry.declare(TakesAString.class, new TakesAString()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("TakesAString.echo(java.lang.String)")
                .hasMessageEndingWith("must be public, take one request record and return a result record");
    }

    @Test
    void aToolNameDeclaredTwiceStopsTheStart() {
        assertThatThrownBy(() -> registry.declare(NameTwice.class, new NameTwice()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("tool greet is declared twice on ");
    }

    private List<Tool> toolsOf(Class<?> serverType) {
        try {
            return registry.declare(serverType, serverType.getDeclaredConstructor().newInstance()).tools().stream()
                    .map(ToolDeclaration::tool).toList();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
