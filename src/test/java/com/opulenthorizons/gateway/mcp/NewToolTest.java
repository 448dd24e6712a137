package com.opulenthorizons.gateway.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.opulenthorizons.gateway.common.RecordBinder;
import com.opulenthorizons.gateway.auth.Caller;
import com.opulenthorizons.gateway.auth.Scope;
import com.opulenthorizons.gateway.common.Description;
import com.opulenthorizons.gateway.mcp.ToolDeclaration.ServerDeclaration;

import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import jakarta.validation.Validation;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * What it takes to add a tool: one annotated method and its two records (the example server
 * below, which exists only in this test). Its schemas, binding, validation and errors all follow.
 */
class NewToolTest {

    // --- the whole of a new tool ---------------------------------------------------------------
    public record GreetRequest(@Description("Who to greet") @NotBlank @Size(max = 40) String firstName) {
    }

    public record GreetResult(@Description("The greeting") @NotBlank String greeting) {
    }

    @McpServerEndpoint(name = "example", path = "/mcp/example")
    public static class ExampleServer {

        @McpTool(name = "greet", scope = Scope.LEADS_READ, title = "Greet someone", description = "Says hello.",
                readOnlyHint = true, idempotentHint = true, openWorldHint = false)
        public GreetResult greet(GreetRequest request) {
            return new GreetResult("Hello, " + request.firstName());
        }
    }
    // --------------------------------------------------------------------------------------------

    private final ServerDeclaration server = registry().declare(ExampleServer.class, new ExampleServer());

    private static McpServerRegistry registry() {
        McpServerRegistry registry = new McpServerRegistry();
        registry.adapter = new ToolCallAdapter(new RecordBinder(Validation.buildDefaultValidatorFactory()));
        return registry;
    }

    private CallToolResult call(Map<String, Object> arguments) {
        McpTransportContext caller = McpTransportContext.create(Map.of(Caller.ATTRIBUTE, Caller.UNAUTHENTICATED));
        return server.tools().get(0).handler().apply(caller, CallToolRequest.builder("greet").arguments(arguments).build());
    }

    @Test
    void theToolIsListedWithSchemasGeneratedFromItsRecords() {
        var tool = server.tools().get(0).tool();

        assertThat(tool.name()).isEqualTo("greet");
        assertThat(tool.annotations().readOnlyHint()).isTrue();
        assertThat(tool.annotations().destructiveHint()).isFalse();
        assertThat(tool.inputSchema()).containsEntry("required", List.of("first_name"))
                .containsEntry("additionalProperties", false)
                .containsEntry("properties", Map.of("first_name",
                        Map.of("type", "string", "description", "Who to greet", "minLength", 1, "maxLength", 40)));
        assertThat(tool.outputSchema()).containsEntry("required", List.of("greeting"));
    }

    @Test
    void aCallIsBoundToTheRequestRecordAndAnsweredWithTheResultRecord() {
        CallToolResult result = call(Map.of("first_name", "Ann"));

        assertThat(result.isError()).isFalse();
        assertThat(ToolResults.structured(result)).isEqualTo(Map.of("greeting", "Hello, Ann"));
    }

    @Test
    void badArgumentsAreAToolErrorNamingTheFieldAndTheRule() {
        CallToolResult tooLong = call(Map.of("first_name", "A".repeat(41)));
        CallToolResult unknown = call(Map.of("first_name", "Ann", "nickname", "Annie"));

        assertThat(tooLong.isError()).isTrue();
        assertThat(((TextContent) tooLong.content().get(0)).text()).isEqualTo("first_name: size must be between 0 and 40");
        assertThat(((TextContent) unknown.content().get(0)).text()).isEqualTo("nickname: is not a known parameter");
    }
}
