package it.com.opulenthorizons.gateway.auth;

import static it.com.opulenthorizons.gateway.GatewayUnderTest.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.opulenthorizons.gateway.testing.McpClients;
import com.opulenthorizons.gateway.testing.ValidLead;

import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.ReadResourceRequest;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import it.com.opulenthorizons.gateway.GatewayUnderTest;

/**
 * A named API key with only {@code leads:read} (src/test/resources/it-api-keys.txt, stored as a
 * hash): it is offered only the tools and resources it may use, is refused the others, and audit
 * lines name it.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ScopedAccessIT {

    private static final String READER_KEY = "it-reader-key";

    private static McpSyncClient reader(String endpoint) {
        GatewayUnderTest.awaitReady();
        return McpClients.connect(GatewayUnderTest.baseUrl(), endpoint, READER_KEY);
    }

    @Test
    void aReadOnlyKeyIsOfferedOnlyTheToolsItsScopeAllows() {
        McpSyncClient leads = reader("/mcp/lead-ingest");
        McpSyncClient zoho = reader("/mcp/zoho-sync");
        try {
            assertThat(leads.listTools().tools()).extracting(Tool::name)
                    .containsExactlyInAnyOrder("lookup_ohid", "verify_webhook_signature", "get_person", "search_leads");
            assertThat(zoho.listTools().tools()).isEmpty();
            assertThat(leads.listResources().resources()).isEmpty();
        } finally {
            leads.closeGracefully();
            zoho.closeGracefully();
        }
    }

    @Test
    void aReadOnlyKeyIsRefusedAWriteAndTheAuditLineNamesIt() throws Exception {
        McpSyncClient leads = reader("/mcp/lead-ingest");
        try {
            // 403 insufficient_scope at the HTTP level, which the SDK's client reports as an authorization
            // error (OAuthResourceServerIT and RateLimitIT check the answer itself)
            assertThatThrownBy(() -> call(leads, "ingest_lead", ValidLead.web("scoped-" + UUID.randomUUID()).arguments()))
                    .hasMessageContaining("Authorization error");
            CallToolResult allowed = call(leads, "lookup_ohid", Map.of("email", "nobody-" + UUID.randomUUID() + "@example.com"));

            assertThat(allowed.isError()).isFalse();
            Path log = Path.of(System.getProperty("it.server.log"));
            Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(Files.readString(log))
                    .contains("\"tool\":\"ingest_lead\",\"caller\":\"it-reader\"")
                    .contains("\"error_type\":\"insufficient_scope\"")
                    .doesNotContain(READER_KEY));
        } finally {
            leads.closeGracefully();
        }
    }

    @Test
    void theStatusResourceNeedsTheAdminScope() {
        McpSyncClient leads = reader("/mcp/lead-ingest");
        try {
            assertThatThrownBy(() -> leads.readResource(new ReadResourceRequest("status://pipeline")))
                    .hasMessageContaining("Authorization error");
        } finally {
            leads.closeGracefully();
        }
    }

    @Test
    void theOlderPlainKeysStillMayUseEveryTool() {
        McpSyncClient zoho = GatewayUnderTest.mcpClient("/mcp/zoho-sync");
        try {
            assertThat(zoho.listTools().tools()).extracting(Tool::name)
                    .containsExactlyInAnyOrder("sync_lead", "get_zoho_lead", "upsert_zoho_lead");
        } finally {
            zoho.closeGracefully();
        }
    }
}
