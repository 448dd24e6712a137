package com.opulenthorizons.gateway.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class JsonRpcEnvelopeTest {

    private static Optional<JsonRpcEnvelope> peek(String json) {
        return JsonRpcEnvelope.peek(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aToolCallGivesItsNameAndIdWhereverTheyAre() {
        assertThat(peek("{\"params\":{\"arguments\":{\"name\":\"not this\",\"nested\":[1,{\"uri\":\"x\"}]},\"name\":\"ingest_lead\"},"
                + "\"jsonrpc\":\"2.0\",\"method\":\"tools/call\",\"id\":42}"))
                .hasValueSatisfying(e -> {
                    assertThat(e.isToolCall()).isTrue();
                    assertThat(e.target()).isEqualTo("ingest_lead");
                    assertThat(e.id()).isEqualTo(42);
                });
    }

    @Test
    void aResourceReadGivesItsUri() {
        assertThat(peek("{\"jsonrpc\":\"2.0\",\"id\":\"r1\",\"method\":\"resources/read\",\"params\":{\"uri\":\"status://pipeline\"}}"))
                .hasValueSatisfying(e -> {
                    assertThat(e.isResourceRead()).isTrue();
                    assertThat(e.target()).isEqualTo("status://pipeline");
                    assertThat(e.id()).isEqualTo("r1");
                });
    }

    @Test
    void theTraceContextComesFromMetaAndNotFromTheArguments() {
        String traceparent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        assertThat(peek("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"ingest_lead\","
                + "\"arguments\":{\"traceparent\":\"not this\"},\"_meta\":{\"progressToken\":7,\"traceparent\":\"" + traceparent
                + "\",\"tracestate\":\"agent=1\"}}}"))
                .hasValueSatisfying(e -> {
                    assertThat(e.target()).isEqualTo("ingest_lead");
                    assertThat(e.trace().traceparent()).isEqualTo(traceparent);
                    assertThat(e.trace().tracestate()).isEqualTo("agent=1");
                });
        assertThat(peek("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"x\",\"_meta\":{}}}"))
                .hasValueSatisfying(e -> assertThat(e.trace()).isNull());
    }

    @Test
    void notificationsHaveNoId() {
        assertThat(peek("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}"))
                .hasValueSatisfying(e -> assertThat(e.id()).isNull());
    }

    @Test
    void anythingElseIsLeftToTheTransport() {
        assertThat(peek("[{\"jsonrpc\":\"2.0\",\"method\":\"ping\",\"id\":1}]")).isEmpty();
        assertThat(peek("{\"jsonrpc\":\"2.0\",\"method\":")).isEmpty();
        assertThat(peek("{\"jsonrpc\":\"2.0\",\"id\":1}")).isEmpty();
        assertThat(peek("")).isEmpty();
    }
}
