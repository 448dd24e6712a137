package com.opulenthorizons.gateway.zoho;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.opulenthorizons.gateway.Concurrently;
import com.opulenthorizons.gateway.LogCapture;
import com.opulenthorizons.gateway.common.Correlation;
import com.opulenthorizons.gateway.zoho.client.ZohoException;
import com.opulenthorizons.gateway.zoho.client.ZohoRetryableException;
import com.opulenthorizons.gateway.testing.MovableClock;
import com.opulenthorizons.gateway.zoho.client.ZohoToken;

class ZohoTokenManagerTest {

    @RegisterExtension
    final FakeZohoExtension fake = new FakeZohoExtension();

    private WireMockServer server;
    private FakeZoho zoho;
    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-24T10:00:00Z"));

    @BeforeEach
    void start() {
        server = fake.server();
        zoho = fake.zoho();
    }

    private ZohoTokenManager manager(Map<String, String> overrides) {
        return new ZohoTokenManager(zoho.config(overrides), clock, HttpClient.newHttpClient());
    }

    /** The token endpoint answers 503 (slowly, so that concurrent callers arrive while it is in flight). */
    private void accountsServerFails() {
        server.stubFor(post(urlPathEqualTo(FakeZoho.TOKEN_PATH)).willReturn(aResponse().withStatus(503)
                .withHeader("Content-Type", "text/html").withBody("<html>unavailable</html>").withFixedDelay(300)));
    }

    /** {@code callers} concurrent calls; each answer is what the call returned or the ZohoException it threw. */
    private static List<Object> concurrently(int callers, Callable<String> call) throws Exception {
        return Concurrently.run(callers, i -> {
            try {
                return call.call();
            } catch (ZohoException e) {
                return e;
            }
        });
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
    void aFailedRefreshIsTheAnswerOfEveryWaiterAndOfEveryCallerDuringTheCoolDown() throws Exception {
        accountsServerFails();
        ZohoTokenManager tokens = manager(Map.of());

        List<Object> first = concurrently(8, () -> tokens.token().header());
        assertThat(first).hasSize(8).allSatisfy(answer -> assertThat(answer).isInstanceOfSatisfying(ZohoException.class, e -> {
            assertThat(e).isNotInstanceOf(ZohoRetryableException.class); // the call-level @Retry must not repeat it
            assertThat(e.kind()).isEqualTo(ZohoException.Kind.SERVER_ERROR);
            assertThat(e.status()).isEqualTo(503);
            assertThat(e.getMessage()).contains("HTTP 503").doesNotContain("secret-1").doesNotContain("refresh-1");
        }));
        server.verify(1, postRequestedFor(urlPathEqualTo(FakeZoho.TOKEN_PATH)));

        clock.advance(Duration.ofSeconds(11)); // still inside the 12 s cool-down
        List<Object> second = concurrently(8, () -> tokens.token().header());
        assertThat(second).allSatisfy(answer -> assertThat(answer).isInstanceOfSatisfying(ZohoException.class,
                e -> assertThat(e.getMessage()).contains("HTTP 503").contains("asks Zoho for a token again after")));
        server.verify(1, postRequestedFor(urlPathEqualTo(FakeZoho.TOKEN_PATH)));

        clock.advance(Duration.ofSeconds(2)); // the cool-down is over
        zoho.grantsTokens(3600);
        assertThat(tokens.token().header()).isEqualTo("Zoho-oauthtoken " + FakeZoho.ACCESS_TOKEN);
        server.verify(2, postRequestedFor(urlPathEqualTo(FakeZoho.TOKEN_PATH)));
    }

    @Test
    void theCoolDownIsConfigurable() {
        accountsServerFails();
        ZohoTokenManager tokens = manager(Map.of("ZOHO_TOKEN_FAILURE_COOLDOWN_MS", "1000"));
        assertThatThrownBy(tokens::token).isInstanceOf(ZohoException.class);
        assertThatThrownBy(tokens::token).isInstanceOf(ZohoException.class);
        assertThat(zoho.tokenRequests()).isEqualTo(1);
        clock.advance(Duration.ofMillis(1001));
        assertThatThrownBy(tokens::token).isInstanceOf(ZohoException.class);
        assertThat(zoho.tokenRequests()).isEqualTo(2);
    }

    @Test
    void aFailedRefreshWhileTheTokenIsStillValidKeepsUsingIt() throws Exception {
        ZohoTokenManager tokens = manager(Map.of());
        ZohoToken first = tokens.token();
        clock.advance(Duration.ofMinutes(56)); // inside the 5-minute margin: due for refresh, still valid
        accountsServerFails();

        assertThat(tokens.token()).isSameAs(first);
        assertThat(concurrently(8, () -> tokens.token().header()))
                .containsOnly("Zoho-oauthtoken " + FakeZoho.ACCESS_TOKEN);
        assertThat(zoho.tokenRequests()).as("the first token, then one failed refresh").isEqualTo(2);
        assertThat(tokens.expiresAt()).isEqualTo(first.expiresAt());

        // but a token Zoho refused is never used again, even during the cool-down
        assertThatThrownBy(() -> tokens.refreshAfterRejection(first))
                .isInstanceOfSatisfying(ZohoException.class, e -> assertThat(e.kind()).isEqualTo(ZohoException.Kind.SERVER_ERROR));
        assertThatThrownBy(tokens::token).isInstanceOf(ZohoException.class);
        assertThat(zoho.tokenRequests()).isEqualTo(2);
    }

    @Test
    void aSlowAccountsServerIsWaitedForNoLongerThanTheCallTimeout() {
        server.stubFor(post(urlPathEqualTo(FakeZoho.TOKEN_PATH)).willReturn(FakeZoho.jsonAnswer(200,
                Map.of("access_token", "late-token", "expires_in", 3600)).withFixedDelay(3000)));
        ZohoTokenManager tokens = manager(Map.of("ZOHO_TIMEOUT_MS", "300"));
        long started = System.nanoTime();
        assertThatThrownBy(tokens::token)
                .isInstanceOfSatisfying(ZohoException.class, e -> assertThat(e.kind()).isEqualTo(ZohoException.Kind.TIMEOUT))
                .isNotInstanceOf(ZohoRetryableException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(2500));

        // the refresh was not abandoned with its first caller: its late token serves the next ones
        Awaitility.await("the late token").atMost(Duration.ofSeconds(10)).until(() -> tokens.expiresAt().isPresent());
        assertThat(tokens.token().header()).isEqualTo("Zoho-oauthtoken late-token");
        assertThat(zoho.tokenRequests()).isEqualTo(1);
    }

    @Test
    void aRefreshFailureIsLoggedWithTheCorrelationIdAndWithoutSecrets() {
        accountsServerFails();
        ZohoTokenManager tokens = manager(Map.of());
        List<LogRecord> records;
        try (LogCapture log = LogCapture.of(ZohoTokenManager.class); Correlation.Scope scope = Correlation.open("corr-zoho-7")) {
            records = log.records();
            assertThatThrownBy(tokens::token).isInstanceOf(ZohoException.class);
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> records.stream()
                    .anyMatch(r -> r.getLevel() == Level.WARNING && r.getMessage().contains("correlation_id=corr-zoho-7")));
        }
        assertThat(records).allSatisfy(r -> assertThat(r.getMessage()).doesNotContain("secret-1").doesNotContain("refresh-1"));
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
        ZohoToken first = tokens.token();
        ZohoToken second = tokens.refreshAfterRejection(first);
        assertThat(tokens.refreshAfterRejection(first)).isSameAs(second);
        assertThat(zoho.tokenRequests()).isEqualTo(2);
    }

    @Test
    void withoutOAuthCredentialsTheStaticTokenIsUsedAndNeverRefreshed() {
        ZohoTokenManager tokens = manager(Map.of("ZOHO_CLIENT_ID", "", "ZOHO_ACCESS_TOKEN", "static-1"));
        assertThat(tokens.mode()).isEqualTo(ZohoConfig.AuthMode.STATIC_TOKEN);
        ZohoToken token = tokens.token();
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
    void aFailingOrUnreachableAccountsServerIsNotRetryable() throws Exception {
        server.stubFor(post(urlPathEqualTo(FakeZoho.TOKEN_PATH)).willReturn(aResponse().withStatus(503)));
        assertThatThrownBy(manager(Map.of())::token)
                .isInstanceOfSatisfying(ZohoException.class, e -> assertThat(e.kind()).isEqualTo(ZohoException.Kind.SERVER_ERROR))
                .isNotInstanceOf(ZohoRetryableException.class);

        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        ZohoTokenManager unreachable = manager(Map.of("ZOHO_TOKEN_URL", "http://127.0.0.1:" + closedPort + FakeZoho.TOKEN_PATH));
        assertThatThrownBy(unreachable::token)
                .isInstanceOfSatisfying(ZohoException.class, e -> assertThat(e.kind()).isEqualTo(ZohoException.Kind.UNREACHABLE))
                .isNotInstanceOf(ZohoRetryableException.class);
    }

    @Test
    void aTokenNeverShowsItsValue() {
        ZohoTokenManager tokens = manager(Map.of());
        assertThat(tokens.token().toString()).doesNotContain(FakeZoho.ACCESS_TOKEN).contains("expiresAt");
    }
}
