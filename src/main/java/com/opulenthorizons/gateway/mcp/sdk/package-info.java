/**
 * Where the MCP Java SDK (2.1.0) or its defaults fall short for this gateway, one class per gap:
 * <ul>
 * <li>{@link com.opulenthorizons.gateway.mcp.sdk.AnswerRewritingTransport}: the stateless server
 * has no hook between a request and its answer; this is one, for the two classes that need it.</li>
 * <li>{@link com.opulenthorizons.gateway.mcp.sdk.SetLevelAnsweringTransport}: the stateless
 * server has no {@code logging/setLevel} handler, so clients that set a level fail.</li>
 * <li>{@link com.opulenthorizons.gateway.mcp.sdk.McpMessageMapper}: the SDK converts every
 * {@code tools/call} body twice through Jackson; this builds its records directly.</li>
 * <li>{@link com.opulenthorizons.gateway.mcp.sdk.RecordBoundSchemaValidator}: the SDK would check
 * every payload against its JSON Schema again, after the records have already been bound and
 * validated.</li>
 * </ul>
 * Each can go when the SDK or the container closes its gap; the tests in this package say what
 * each must keep doing until then.
 */
package com.opulenthorizons.gateway.mcp.sdk;
