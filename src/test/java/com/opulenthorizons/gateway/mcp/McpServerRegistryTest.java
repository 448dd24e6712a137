package com.opulenthorizons.gateway.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

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

    private List<Tool> toolsOf(Class<?> serverType) {
        try {
            return registry.declare(serverType, serverType.getDeclaredConstructor().newInstance()).tools().stream()
                    .map(ToolDeclaration::tool).toList();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
