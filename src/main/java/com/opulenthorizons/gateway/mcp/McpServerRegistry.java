package com.opulenthorizons.gateway.mcp;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.opulenthorizons.gateway.auth.Caller;
import com.opulenthorizons.gateway.common.WireJson;
import com.opulenthorizons.gateway.mcp.ToolDeclaration.ResourceDeclaration;
import com.opulenthorizons.gateway.mcp.ToolDeclaration.ResourceTemplateDeclaration;
import com.opulenthorizons.gateway.mcp.ToolDeclaration.ServerDeclaration;

import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.ReadResourceResult;
import io.modelcontextprotocol.spec.McpSchema.Resource;
import io.modelcontextprotocol.spec.McpSchema.TextResourceContents;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import io.modelcontextprotocol.spec.McpSchema.ToolAnnotations;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;

/**
 * Finds the {@link McpServerEndpoint} beans and reads their {@link McpTool} and {@link McpResource}
 * methods into declarations the SDK can serve. Schemas are generated here, once, at start-up; a
 * declaration that cannot be served (a tool method that does not take and return records, a
 * repeated tool name) stops the deployment with a message that names the method.
 */
@ApplicationScoped
public class McpServerRegistry {

    private final RecordSchemaGenerator schemas = new RecordSchemaGenerator();

    @Inject
    BeanManager beans;
    @Inject
    ToolCallAdapter adapter;

    /** Every declared server, by name. */
    public List<ServerDeclaration> servers() {
        List<ServerDeclaration> servers = new ArrayList<>();
        for (Bean<?> bean : beans.getBeans(Object.class, Any.Literal.INSTANCE)) {
            Class<?> type = bean.getBeanClass();
            if (type.isAnnotationPresent(McpServerEndpoint.class)) {
                Object instance = beans.getReference(bean, type, beans.createCreationalContext(bean));
                servers.add(declare(type, instance));
            }
        }
        servers.sort(Comparator.comparing(ServerDeclaration::name));
        return servers;
    }

    /** The server that {@code type} declares, served by {@code instance} (the bean, or any instance of the type). */
    ServerDeclaration declare(Class<?> type, Object instance) {
        McpServerEndpoint server = type.getAnnotation(McpServerEndpoint.class);
        if (server == null) {
            throw new IllegalStateException(type.getName() + " is not annotated @McpServerEndpoint");
        }
        List<ToolDeclaration> tools = new ArrayList<>();
        List<ResourceDeclaration> resources = new ArrayList<>();
        List<ResourceTemplateDeclaration> templates = new ArrayList<>();
        Set<String> toolNames = new HashSet<>();
        for (Method method : methodsInOrder(type)) {
            McpTool tool = method.getAnnotation(McpTool.class);
            if (tool != null) {
                if (!toolNames.add(tool.name())) {
                    throw new IllegalStateException("tool " + tool.name() + " is declared twice on " + type.getName());
                }
                tools.add(tool(server.name(), tool, method, instance));
            }
            McpResource resource = method.getAnnotation(McpResource.class);
            if (resource != null && resource.uri().contains("{")) {
                templates.add(ResourceTemplates.declare(resource, method, instance));
            } else if (resource != null) {
                resources.add(resource(resource, method, instance));
            }
        }
        return new ServerDeclaration(server.name(), server.path(), List.copyOf(tools), List.copyOf(resources),
                List.copyOf(templates));
    }

    private ToolDeclaration tool(String serverName, McpTool declared, Method method, Object instance) {
        Class<?>[] parameters = method.getParameterTypes();
        if (!Modifier.isPublic(method.getModifiers()) || parameters.length != 1 || !parameters[0].isRecord()
                || !method.getReturnType().isRecord()) {
            throw new IllegalStateException("@McpTool " + method + " must be public, take one request record and return a result record");
        }
        @SuppressWarnings("unchecked")
        Class<? extends Record> requestType = (Class<? extends Record>) parameters[0];
        @SuppressWarnings("unchecked")
        Class<? extends Record> resultType = (Class<? extends Record>) method.getReturnType();
        Tool tool = Tool.builder(declared.name(), schemas.schemaOf(requestType))
                .title(declared.title())
                .description(declared.description())
                .outputSchema(schemas.schemaOf(resultType))
                .annotations(hints(declared))
                .build();
        return new ToolDeclaration(tool, declared.scope(), (context, request) -> adapter.call(
                new ToolCall(serverName, declared.name(), declared.scope(), ToolCall.callerIn(context)), request.arguments(),
                requestType, arguments -> invoke(method, instance, arguments)));
    }

    private static ResourceDeclaration resource(McpResource declared, Method method, Object instance) {
        if (!Modifier.isPublic(method.getModifiers()) || method.getParameterCount() != 0) {
            throw new IllegalStateException("@McpResource " + method + " must be public and take no arguments");
        }
        Resource resource = Resource.builder(declared.uri(), declared.name())
                .title(declared.title())
                .description(declared.description())
                .mimeType(declared.mimeType())
                .build();
        return new ResourceDeclaration(resource, declared.scope(), (context, request) -> {
            checkScope(declared, context);
            return new ReadResourceResult(List.of(new TextResourceContents(
                    declared.uri(), declared.mimeType(), WireJson.MAPPER.writeValueAsString(invoke(method, instance)))));
        });
    }

    /** Refuses a reader without the resource's scope. */
    static void checkScope(McpResource declared, McpTransportContext context) {
        Caller caller = ToolCall.callerIn(context);
        if (!caller.mayUse(declared.scope())) {
            throw McpError.builder(McpSchema.ErrorCodes.INVALID_REQUEST)
                    .message("this resource needs the scope " + declared.scope().wireName() + ", which the caller "
                            + caller.name() + " has not been granted")
                    .build();
        }
    }

    /** A read-only tool is never destructive, whatever the annotation's default says. */
    private static ToolAnnotations hints(McpTool tool) {
        return new ToolAnnotations(null, tool.readOnlyHint(), !tool.readOnlyHint() && tool.destructiveHint(),
                tool.idempotentHint(), tool.openWorldHint(), null);
    }

    /**
     * Declared methods in a fixed order, so that tools/list does not change between starts (the JVM
     * gives methods in no set order): tools and resources come out sorted by method name.
     */
    private static List<Method> methodsInOrder(Class<?> type) {
        List<Method> methods = new ArrayList<>(List.of(type.getDeclaredMethods()));
        methods.sort(Comparator.comparing(Method::getName));
        return methods;
    }

    /** Calls a declared method; what it throws reaches the caller (the tool adapter) unwrapped. */
    static Object invoke(Method method, Object instance, Object... arguments) {
        try {
            return method.invoke(instance, arguments);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(method + " threw " + e.getCause().getClass().getName(), e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(method + " cannot be called", e);
        }
    }
}
