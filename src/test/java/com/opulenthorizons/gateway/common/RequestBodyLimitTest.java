package com.opulenthorizons.gateway.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequestBodyLimitTest {

    private final RequestBodyLimit limit = new RequestBodyLimit(1024);

    @Test
    void aPostWithinTheLimitMayBeRead() {
        assertThat(limit.check("POST", 1024)).isEmpty();
        assertThat(limit.check("POST", 0)).isEmpty();
    }

    @Test
    void aLongerPostGets413BeforeItIsRead() {
        assertThat(limit.check("POST", 1025)).contains(
                new RequestBodyLimit.Refusal(413, "Request body of 1025 bytes exceeds the limit of 1024 bytes"));
    }

    @Test
    void aPostThatDeclaresNoLengthGets411() {
        assertThat(limit.check("POST", -1)).contains(
                new RequestBodyLimit.Refusal(411, "POST bodies must declare a Content-Length"));
    }

    @Test
    void otherMethodsAreNotBounded() {
        assertThat(limit.check("GET", -1)).isEmpty();
        assertThat(limit.check("DELETE", 5000)).isEmpty();
    }
}
