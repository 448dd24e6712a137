package com.opulenthorizons.gateway.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.opulenthorizons.gateway.auth.Caller;
import com.opulenthorizons.gateway.auth.Scope;
import com.opulenthorizons.gateway.common.InvalidArgumentException;
import com.opulenthorizons.gateway.common.RecordBinder;
import com.opulenthorizons.gateway.mcp.ToolDeclaration.ResourceTemplateDeclaration;

import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema.ReadResourceRequest;
import io.modelcontextprotocol.spec.McpSchema.TextResourceContents;
import jakarta.validation.Validation;

/** A resource template is declared like a resource, with one {variable} that its method takes. */
class ResourceTemplatesTest {

    public record Greeting(String greeting) {
    }

    @McpServerEndpoint(name = "example", path = "/mcp/example")
    public static class ExampleServer {
        @McpResource(uri = "greeting://{name}", name = "greeting", scope = Scope.LEADS_READ, title = "A greeting",
                description = "Greets name")
        public Greeting greeting(String name) {
            if (name.equals("nobody")) {
                throw new InvalidArgumentException("name", "must be somebody");
            }
            return new Greeting("Hello, " + name);
        }
    }

    private final ResourceTemplateDeclaration template = registry().declare(ExampleServer.class, new ExampleServer())
            .templates().get(0);

    private static McpServerRegistry registry() {
        McpServerRegistry registry = new McpServerRegistry();
        registry.adapter = new ToolCallAdapter(new RecordBinder(Validation.buildDefaultValidatorFactory()));
        return registry;
    }

    private static McpTransportContext as(Caller caller) {
        return McpTransportContext.create(Map.of(Caller.ATTRIBUTE, caller));
    }

    @Test
    void theVariableOfTheUriReadIsTheMethodsArgument() {
        assertThat(template.template().uriTemplate()).isEqualTo("greeting://{name}");
        var read = template.reader().apply(as(Caller.UNAUTHENTICATED), new ReadResourceRequest("greeting://Ann"));
        assertThat(((TextResourceContents) read.contents().get(0)).text()).isEqualTo("{\"greeting\":\"Hello, Ann\"}");
        assertThat(read.contents().get(0).uri()).isEqualTo("greeting://Ann");
    }

    @Test
    void aFailureOrAMissingScopeIsAJsonRpcErrorWithTheMessage() {
        assertThatThrownBy(() -> template.reader().apply(as(Caller.UNAUTHENTICATED), new ReadResourceRequest("greeting://nobody")))
                .isInstanceOf(McpError.class).hasMessageContaining("name: must be somebody");
        assertThatThrownBy(() -> template.reader().apply(as(new Caller("zoho-only", Set.of(Scope.ZOHO_READ))),
                new ReadResourceRequest("greeting://Ann"))).isInstanceOf(McpError.class).hasMessageContaining("leads:read");
    }
}
