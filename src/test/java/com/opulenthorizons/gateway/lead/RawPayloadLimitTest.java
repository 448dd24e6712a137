package com.opulenthorizons.gateway.lead;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.opulenthorizons.gateway.common.InvalidArgumentException;

class RawPayloadLimitTest {

    @Test
    void acceptsAPayloadWhoseJsonIsExactlyTheLimit() {
        // {"k":"vvvv"} is 12 bytes
        assertThatCode(() -> new RawPayloadLimit(12).check(Map.of("k", "vvvv"))).doesNotThrowAnyException();
    }

    @Test
    void refusesOneByteMoreNamingTheFieldAndTheSetting() {
        assertThatThrownBy(() -> new RawPayloadLimit(12).check(Map.of("k", "vvvvv")))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("raw_payload: must be at most 12 bytes of JSON (RAW_PAYLOAD_MAX_BYTES)");
    }

    @Test
    void countsMultiByteCharactersAsTheirUtf8Bytes() {
        // {"k":"éé"} is 10 characters but 12 bytes in UTF-8
        assertThatThrownBy(() -> new RawPayloadLimit(11).check(Map.of("k", "éé"))).isInstanceOf(InvalidArgumentException.class);
        assertThatCode(() -> new RawPayloadLimit(12).check(Map.of("k", "éé"))).doesNotThrowAnyException();
    }

    @Test
    void refusesTheHostileShapeOfManyKeys() {
        Map<String, Object> many = new LinkedHashMap<>();
        for (int i = 0; i < 72_000; i++) {
            many.put("key" + i, i);
        }
        assertThatThrownBy(() -> RawPayloadLimit.DEFAULT.check(many)).isInstanceOf(InvalidArgumentException.class);
    }

    @Test
    void noPayloadIsWithinAnyLimit() {
        assertThatCode(() -> new RawPayloadLimit(1).check(null)).doesNotThrowAnyException();
    }
}
