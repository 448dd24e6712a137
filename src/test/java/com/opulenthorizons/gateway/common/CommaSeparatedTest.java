package com.opulenthorizons.gateway.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CommaSeparatedTest {

    @Test
    void valuesAreTrimmedAndBlanksLeftOut() {
        assertThat(CommaSeparated.values(" localhost:* , 127.0.0.1:*,, ")).containsExactly("localhost:*", "127.0.0.1:*");
        assertThat(CommaSeparated.values("workflow")).containsExactly("workflow");
        assertThat(CommaSeparated.values(" , ")).isEmpty();
        assertThat(CommaSeparated.values(null)).isEmpty();
    }
}
