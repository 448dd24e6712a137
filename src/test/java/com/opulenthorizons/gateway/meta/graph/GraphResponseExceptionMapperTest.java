package com.opulenthorizons.gateway.meta.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.opulenthorizons.gateway.testing.GraphLeads;

/** Graph's documented error codes, in its error envelope, and what each means for the next attempt. */
class GraphResponseExceptionMapperTest {

    @ParameterizedTest
    @CsvSource({
            "400, 4, , THROTTLED", "400, 17, , THROTTLED", "400, 32, , THROTTLED", "400, 613, , THROTTLED",
            "400, 80001, , THROTTLED", "400, 80014, , THROTTLED", "429, 1, , THROTTLED",
            "500, 1, , TRANSIENT", "503, 2, , TRANSIENT",
            "400, 190, 463, PERMISSION", "403, 10, , PERMISSION", "403, 200, , PERMISSION", "403, 299, , PERMISSION",
            "400, 100, 33, NOT_FOUND", "400, 100, , REJECTED"})
    void graphCodesDecideTheKind(int status, int code, Integer subcode, GraphException.Kind kind) {
        GraphException e = GraphResponseExceptionMapper.map(status, GraphLeads.error(code, subcode, "OAuthException", "msg"));
        assertThat(e.kind()).isEqualTo(kind);
        assertThat(e.code()).isEqualTo(code);
        assertThat(e.getMessage()).contains("code " + code).contains("fbtrace_id AbCdEfGhIjK");
        assertThat(e instanceof GraphTransientException).isEqualTo(kind == GraphException.Kind.TRANSIENT);
    }

    @Test
    void aThrottledAnswerCarriesGraphsLongestEstimateOfWhenAccessReturns() {
        String usage = "{\"112233\":[{\"type\":\"pages\",\"call_count\":100,\"total_cputime\":25,\"total_time\":25,"
                + "\"estimated_time_to_regain_access\":5},{\"type\":\"ads_management\",\"call_count\":98,"
                + "\"estimated_time_to_regain_access\":12}]}";
        GraphException e = GraphResponseExceptionMapper.map(400, GraphLeads.error(80001, null, "OAuthException", "too many"), usage);
        assertThat(e.regainAccessIn()).hasValue(Duration.ofMinutes(12));
        assertThat(GraphResponseExceptionMapper.map(400, GraphLeads.error(4, null, "OAuthException", "x"), "not json").regainAccessIn())
                .isEmpty();
        assertThat(GraphResponseExceptionMapper.map(400, GraphLeads.error(4, null, "OAuthException", "x")).regainAccessIn()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"502, TRANSIENT", "429, THROTTLED", "404, REJECTED"})
    void withoutAnEnvelopeTheStatusDecides(int status, GraphException.Kind kind) {
        GraphException e = GraphResponseExceptionMapper.map(status, "<html>Bad Gateway</html>");
        assertThat(e.kind()).isEqualTo(kind);
        assertThat(e.code()).isNull();
    }
}
