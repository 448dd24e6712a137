package com.opulenthorizons.gateway.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

import tools.jackson.databind.exc.ValueInstantiationException;
import tools.jackson.databind.json.JsonMapper;

class RecordCreatorsTest {

    /** Public, as the tools' request records are: the module reaches public constructors only. */
    public record Lead(String firstName, Integer rooms, Boolean consent, List<String> tags, Map<String, Object> raw) {
        public Lead {
            if (rooms != null && rooms < 0) {
                throw new IllegalArgumentException("rooms below zero");
            }
            CALLERS.set(StackWalker.getInstance(StackWalker.Option.SHOW_REFLECT_FRAMES)
                    .walk(frames -> frames.map(f -> f.getClassName() + "." + f.getMethodName()).toList()));
        }
    }

    private static final ThreadLocal<List<String>> CALLERS = new ThreadLocal<>();

    @Test
    void aRecordIsBuiltWithEveryComponentAndWithoutASpreaderPerCall() {
        Lead lead = WireJson.MAPPER.convertValue(Map.of("first_name", "Ann", "rooms", 3, "consent", true,
                "tags", List.of("a", "b"), "raw", Map.of("k", 1)), Lead.class);
        List<String> callers = CALLERS.get();

        assertThat(lead).isEqualTo(new Lead("Ann", 3, true, List.of("a", "b"), Map.of("k", 1)));
        // Jackson's own way builds a spreading invoker in invokeWithArguments on every call
        assertThat(callers).contains(RecordCreatorsTest.class.getName() + "$Lead.<init>")
                .noneMatch(frame -> frame.endsWith("MethodHandle.invokeWithArguments"));
    }

    @Test
    void absentComponentsGetWhatJacksonsOwnWayGives() {
        String json = "{\"firstName\":\"Bo\"}";

        Lead lead = WireJson.PLAIN.readValue(json, Lead.class);

        assertThat(lead).isEqualTo(new Lead("Bo", null, null, null, null))
                .isEqualTo(JsonMapper.shared().readValue(json, Lead.class));
    }

    /** Not public: the module cannot reach its constructor, and Jackson's own way builds it. */
    record Hidden(String name) {
    }

    public record Pair(String left, String right) {
        @JsonCreator
        public Pair(@JsonProperty("both") String both) {
            this(both, both);
        }
    }

    @Test
    void aRecordTheModuleCannotReachIsStillBuilt() {
        assertThat(WireJson.MAPPER.convertValue(Map.of("name", "Ann"), Hidden.class)).isEqualTo(new Hidden("Ann"));
    }

    @Test
    void theConstructorJacksonChoseIsTheOneCalled() {
        assertThat(WireJson.PLAIN.readValue("{\"both\":\"x\"}", Pair.class)).isEqualTo(new Pair("x", "x"));
    }

    @Test
    void aConstructorsRefusalIsReportedAsJacksonReportsIt() {
        assertThatThrownBy(() -> WireJson.MAPPER.convertValue(Map.of("rooms", -1), Lead.class))
                .isInstanceOf(ValueInstantiationException.class)
                .hasRootCauseInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rooms below zero");
    }
}
