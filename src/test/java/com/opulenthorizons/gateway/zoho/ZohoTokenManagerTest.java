package com.opulenthorizons.gateway.zoho;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

class ZohoTokenManagerTest {

    /** A clock the test moves forward. */
    static final class MutableClock extends Clock {
        private volatile Instant now = Instant.parse("2026-11-24T10:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    private WireMockServer server;
    private FakeZoho zoho;
    private final MutableClock clock = new MutableClock();

    @BeforeEach
    void start() {
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        zoho = new FakeZoho(server);
        zoho.grantsTokens(3600);
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    static ZohoConfig config(FakeZoho zoho, Map<String, String> overrides) {
        Map<String, String> values = new HashMap<>();
        values.put("ZOHO_API_BASE", zoho.apiBase());
        values.put("ZOHO_TOKEN_URL", zoho.tokenUrl());
        values.put("ZOHO_CLIENT_ID", "client-1");
        values.put("ZOHO_CLIENT_SECRET", "secret-1");
        values.put("ZOHO_REFRESH_TOKEN", "refresh-1");
        values.put("ZOHO_TIMEOUT_MS", "2000");
        values.putAll(overrides);
        return new ZohoConfig(key -> Optional.ofNullable(values.get(key)));
    }

    private ZohoTokenManager manager(Map<String, String> overrides) {
        return new ZohoTokenManager(config(zoho, overrides), clock, HttpClient.newHttpClient());
    }

    @Test
    void refreshesWithTheRefreshTokenGrantAndCachesTheToken() {
        ZohoTokenManager tokens = manager(Map.of());
        assertThat(tokens.mode()).isEqualTo(ZohoConfig.AuthMode.OAUTH2_REFRESH);
        assertThat(tokens.token().header()).isEqualTo("Zoho-oauthtoken " + FakeZoho.ACCESS_TOKEN);
        tokens.token();
        tokens.token();
        assertThat(zoho.tokenRequests()).isEqualTo(1);
        server.verify(postRequestedFor(urlPathEqualTo(FakeZoho.TOKEN_PATH))
                .withRequestBody(containing("grant_type=refresh_token"))
                .withRequestBody(containing("client_id=client-1"))
                .withRequestBody(containing("client_secret=secret-1"))
                .withRequestBody(containing("refresh_token=refresh-1")));
        assertThat(tokens.expiresAt()).contains(clock.instant().plusSeconds(3600));
    }

    @Test
    void refreshesFiveMinutesBeforeExpiry() {
        ZohoTokenManager tokens = manager(Map.of());
        tokens.token();
        clock.advance(Duration.ofMinutes(54));
        tokens.token();
        assertThat(zoho.tokenRequests()).isEqualTo(1);
        clock.advance(Duration.ofMinutes(1));
        tokens.token();
        assertThat(zoho.tokenRequests()).isEqualTo(2);
    }

    @Test
    void eightConcurrentCallersWithAnExpiredTokenCauseExactlyOneRefresh() throws Exception {
        ZohoTokenManager tokens = manager(Map.of());
        tokens.token();
        clock.advance(Duration.ofHours(2)); // expired
        server.resetRequests();
        // a slow accounts server, so that all callers arrive while the refresh is in flight
        server.stubFor(post(urlPathEqualTo(FakeZoho.TOKEN_PATH)).willReturn(FakeZoho.jsonAnswer(200,
                Map.of("access_token", "second-token", "expires_in", 3600)).withFixedDelay(300)));

        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                answers.add(pool.submit(() -> {
                    go.await();
                    return tokens.token().header();
                }));
            }
            go.countDown();
            for (Future<String> answer : answers) {
                assertThat(answer.get(10, TimeUnit.SECONDS)).isEqualTo("Zoho-oauthtoken second-token");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(zoho.tokenRequests()).isEqualTo(1);
    }

    @Test
    void aRejectedTokenAlreadyReplacedByAnotherCallerIsNotRefreshedAgain() {
        ZohoTokenManager tokens = manager(Map.of());
        ZohoTokenManager.Token first = tokens.token();
        ZohoTokenManager.Token second = tokens.refreshAfterRejection(first);
        assertThat(tokens.refreshAfterRejection(first)).isSameAs(second);
        assertThat(zoho.tokenRequests()).isEqualTo(2);
    }

    @Test
    void withoutOAuthCredentialsTheStaticTokenIsUsedAndNeverRefreshed() {
        ZohoTokenManager tokens = manager(Map.of("ZOHO_CLIENT_ID", "", "ZOHO_ACCESS_TOKEN", "static-1"));
        assertThat(tokens.mode()).isEqualTo(ZohoConfig.AuthMode.STATIC_TOKEN);
        ZohoTokenManager.Token token = tokens.token();
        assertThat(token.header()).isEqualTo("Zoho-oauthtoken static-1");
        assertThatThrownBy(() -> tokens.refreshAfterRejection(token))
                .isInstanceOfSatisfying(ZohoException.class, e -> assertThat(e.kind()).isEqualTo(ZohoException.Kind.AUTH_FAILED))
                .hasMessageContaining("ZOHO_ACCESS_TOKEN").hasMessageNotContaining("static-1");
        assertThat(zoho.tokenRequests()).isZero();
    }

    @Test
    void withNoCredentialsAtAllTheModeIsNotConfigured() {
        ZohoTokenManager tokens = manager(Map.of("ZOHO_CLIENT_ID", "", "ZOHO_CLIENT_SECRET", "", "ZOHO_REFRESH_TOKEN", ""));
        assertThat(tokens.mode()).isEqualTo(ZohoConfig.AuthMode.NOT_CONFIGURED);
        assertThatThrownBy(tokens::token)
                .isInstanceOfSatisfying(ZohoException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ZohoException.Kind.NOT_CONFIGURED);
                    assertThat(e.errorType()).isEqualTo("not_configured");
                })
                .hasMessageContaining("ZOHO_CLIENT_ID").hasMessageContaining("ZOHO_REFRESH_TOKEN");
    }

    @Test
    void aRefusedRefreshIsAnAuthFailureThatNamesZohosErrorButNoSecret() {
        server.stubFor(post(urlPathEqualTo(FakeZoho.TOKEN_PATH)).willReturn(FakeZoho.jsonAnswer(200, Map.of("error", "invalid_client"))));
        ZohoTokenManager tokens = manager(Map.of());
        assertThatThrownBy(tokens::token)
                .isInstanceOfSatisfying(ZohoException.class, e -> assertThat(e.kind()).isEqualTo(ZohoException.Kind.AUTH_FAILED))
                .hasMessageContaining("invalid_client")
                .hasMessageNotContaining("secret-1").hasMessageNotContaining("refresh-1");
    }

    @Test
    void anUnreachableAccountsServerIsRetryable() {
        server.stubFor(post(urlPathEqualTo(FakeZoho.TOKEN_PATH)).willReturn(aResponse().withStatus(503)));
        ZohoTokenManager tokens = manager(Map.of());
        assertThatThrownBy(tokens::token).isInstanceOf(ZohoRetryableException.class);
    }

    @Test
    void aTokenNeverShowsItsValue() {
        ZohoTokenManager tokens = manager(Map.of());
        assertThat(tokens.token().toString()).doesNotContain(FakeZoho.ACCESS_TOKEN).contains("expiresAt");
    }
}
