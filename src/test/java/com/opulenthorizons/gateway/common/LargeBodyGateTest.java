package com.opulenthorizons.gateway.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class LargeBodyGateTest {

    private final LargeBodyGate gate = new LargeBodyGate(1000, 2);

    @Test
    void smallBodiesTakeNoPlace() {
        for (int i = 0; i < 10; i++) {
            assertThat(gate.enter(1000)).isPresent();
        }
        assertThat(gate.enter(1001)).isPresent();
        assertThat(gate.enter(1001)).isPresent();
    }

    @Test
    void aLargeBodyBeyondThePlacesIsRefusedUntilOneIsFreed() {
        Optional<LargeBodyGate.Pass> first = gate.enter(5000);
        Optional<LargeBodyGate.Pass> second = gate.enter(-1); // no declared length counts as large
        assertThat(first).isPresent();
        assertThat(second).isPresent();

        assertThat(gate.enter(5000)).isEmpty();

        first.get().close();
        assertThat(gate.enter(5000)).isPresent();
    }
}
