package com.opulenthorizons.gateway.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;

/**
 * A stand-in for Cloudflare Turnstile's {@code POST /turnstile/v0/siteverify} on a WireMock server,
 * in its wire format: a form post of {@code secret}, {@code response} and {@code remoteip}, answered
 * {@code {"success": ..., "error-codes": [...]}}. Only {@link #SECRET} with {@link #PASSING_TOKEN} passes.
 */
public final class FakeCaptcha {

    public static final String PATH = "/turnstile/v0/siteverify";
    public static final String SECRET = "it-turnstile-secret";
    public static final String PASSING_TOKEN = "XXXX.DUMMY.TOKEN.PASS";

    private final WireMockServer server;

    public FakeCaptcha(WireMockServer server) {
        this.server = server;
    }

    /** The usual answers: success for the passing token, invalid-input-response for any other. */
    public FakeCaptcha standard() {
        server.stubFor(post(urlEqualTo(PATH)).atPriority(10)
                .willReturn(okJson("{\"success\":false,\"error-codes\":[\"invalid-input-response\"],\"messages\":[]}")));
        server.stubFor(post(urlEqualTo(PATH)).atPriority(1)
                .withRequestBody(containing("secret=" + SECRET)).withRequestBody(containing("response=" + PASSING_TOKEN))
                .willReturn(okJson("{\"success\":true,\"challenge_ts\":\"2026-12-01T10:15:30.000Z\",\"hostname\":\"www.example.com\","
                        + "\"error-codes\":[],\"action\":\"lead\",\"cdata\":\"\"}")));
        return this;
    }

    /** The service fails: every check answers 500. */
    public FakeCaptcha down() {
        server.stubFor(post(urlEqualTo(PATH)).atPriority(0).willReturn(aResponse().withStatus(500)));
        return this;
    }

    public int checks() {
        return server.countRequestsMatching(postRequestedFor(urlEqualTo(PATH)).build()).getCount();
    }

    public String url() {
        return server.baseUrl() + PATH;
    }
}
