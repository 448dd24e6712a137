package com.opulenthorizons.gateway.mcp;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.opulenthorizons.gateway.common.ErrorKind;
import com.opulenthorizons.gateway.common.GatewayFailure;
import com.opulenthorizons.gateway.common.WireJson;
import com.opulenthorizons.gateway.mcp.ToolDeclaration.ResourceTemplateDeclaration;

import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.ReadResourceResult;
import io.modelcontextprotocol.spec.McpSchema.ResourceTemplate;
import io.modelcontextprotocol.spec.McpSchema.TextResourceContents;

/**
 * Resource templates ({@code @McpResource} with one {@code {variable}} in its URI): the method
 * takes the variable's value from the URI read. A failure the gateway reports (bad value, unknown
 * person) becomes a JSON-RPC error with its message: a resource read has no error result.
 */
final class ResourceTemplates {

    private static final Pattern VARIABLE = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_]*)}");
    /** MCP's code for a resource that does not exist. */
    static final int RESOURCE_NOT_FOUND = -32002;

    private ResourceTemplates() {
    }

    static ResourceTemplateDeclaration declare(McpResource declared, Method method, Object instance) {
        Matcher variables = VARIABLE.matcher(declared.uri());
        if (!variables.find() || variables.find() || !Modifier.isPublic(method.getModifiers())
                || !List.of(method.getParameterTypes()).equals(List.of(String.class))) {
            throw new IllegalStateException("@McpResource template " + method + " must be public, have one {variable} "
                    + "in its uri and take that variable as its one String parameter");
        }
        Pattern uri = uriPattern(declared.uri());
        ResourceTemplate template = ResourceTemplate.builder()
                .uriTemplate(declared.uri())
                .name(declared.name())
                .title(declared.title())
                .description(declared.description())
                .mimeType(declared.mimeType())
                .build();
        return new ResourceTemplateDeclaration(template, declared.scope(), (context, request) -> {
            McpServerRegistry.checkScope(declared, context);
            Matcher m = uri.matcher(request.uri());
            if (!m.matches()) {
                throw McpError.builder(McpSchema.ErrorCodes.INVALID_PARAMS)
                        .message("uri: does not match " + declared.uri()).build();
            }
            try {
                Object value = McpServerRegistry.invoke(method, instance, m.group(1));
                return new ReadResourceResult(List.of(new TextResourceContents(request.uri(), declared.mimeType(),
                        WireJson.MAPPER.writeValueAsString(value))));
            } catch (GatewayFailure e) {
                throw McpError.builder(e.errorKind() == ErrorKind.NOT_FOUND ? RESOURCE_NOT_FOUND
                        : e.errorKind() == ErrorKind.INVALID_ARGUMENT ? McpSchema.ErrorCodes.INVALID_PARAMS
                                : McpSchema.ErrorCodes.INTERNAL_ERROR)
                        .message(e.getMessage()).build();
            }
        });
    }

    /** The template as a regular expression whose one group is the variable (one URI segment). */
    static Pattern uriPattern(String template) {
        Matcher m = VARIABLE.matcher(template);
        m.find();
        return Pattern.compile(Pattern.quote(template.substring(0, m.start())) + "([^/?#]+)"
                + Pattern.quote(template.substring(m.end())));
    }
}
