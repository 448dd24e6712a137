package com.opulenthorizons.gateway.meta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.opulenthorizons.gateway.testing.GraphLeads;
import com.opulenthorizons.gateway.testing.Hmac;
import com.opulenthorizons.gateway.webhook.SignatureVerifier;
import com.opulenthorizons.gateway.webhook.WebhookRejectedException;
import com.opulenthorizons.gateway.webhook.WebhookSecrets;

class MetaWebhookReceiverTest {

    private static final Map<String, String> SETTINGS = Map.of("META_APP_SECRET", "old-app-secret,app-secret",
            "META_VERIFY_TOKEN", "verify-me", "META_PAGE_ACCESS_TOKEN", "page-token");

    private final MetaLeadInbox inbox = new InMemoryMetaLeadInbox();

    private MetaWebhookReceiver receiver(Map<String, String> settings) {
        return new MetaWebhookReceiver(new MetaConfig(key -> Optional.ofNullable(settings.get(key))),
                new SignatureVerifier(new WebhookSecrets(key -> Optional.ofNullable(settings.get(key)))), inbox);
    }

    private final MetaWebhookReceiver receiver = receiver(SETTINGS);

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String signed(String secret, String body) {
        return "sha256=" + Hmac.sha256Hex(secret, body);
    }

    private void assertRefused(Runnable call, int status, String message) {
        assertThatThrownBy(call::run).isInstanceOf(WebhookRejectedException.class).hasMessageContaining(message)
                .satisfies(e -> assertThat(((WebhookRejectedException) e).status()).isEqualTo(status));
        assertThat(inbox.counts().pending()).as("nothing stored").isZero();
    }

    @Test
    void theHandshakeEchoesTheChallengeForTheRightTokenOnly() {
        assertThat(receiver.verifySubscription("subscribe", "verify-me", "1158201444")).isEqualTo("1158201444");
        assertRefused(() -> receiver.verifySubscription("subscribe", "wrong", "1158201444"), 403, "hub.verify_token");
        assertRefused(() -> receiver.verifySubscription("unsubscribe", "verify-me", "1"), 403, "hub.mode");
        assertRefused(() -> receiver(Map.of()).verifySubscription("subscribe", "verify-me", "1"), 403, "META_VERIFY_TOKEN");
    }

    @Test
    void aSignedNotificationIsStoredOnceHoweverOftenMetaSendsIt() {
        String body = GraphLeads.notification("444444444444");
        assertThat(receiver.receive(bytes(body), signed("app-secret", body))).containsEntry("received", 1).containsEntry("new", 1);
        assertThat(receiver.receive(bytes(body), signed("old-app-secret", body))).containsEntry("new", 0);
        assertThat(inbox.counts().pending()).isEqualTo(1);
        assertThat(inbox.claimDue(10, java.time.Duration.ofMinutes(1))).singleElement()
                .satisfies(l -> assertThat(l.pageId()).isEqualTo("987654321"));
    }

    @Test
    void aBadMissingOrUnprefixedSignatureIsRefusedBeforeParsing() {
        String body = GraphLeads.notification("1");
        assertRefused(() -> receiver.receive(bytes(body), signed("wrong", body)), 401, "does not match");
        assertRefused(() -> receiver.receive(bytes(body + " "), signed("app-secret", body)), 401, "does not match");
        assertRefused(() -> receiver.receive(bytes(body), Hmac.sha256Hex("app-secret", body)), 401, "does not match");
        assertRefused(() -> receiver.receive(bytes(body), "sha256=zz"), 401, "does not match");
        assertRefused(() -> receiver.receive(bytes(body), null), 401, "missing X-Hub-Signature-256");
        assertRefused(() -> receiver.receive(bytes("not json"), signed("wrong", "not json")), 401, "does not match");
    }

    @Test
    void withoutTheAppSecretNotificationsAreRefusedSoMetaRetries() {
        String body = GraphLeads.notification("1");
        assertRefused(() -> receiver(Map.of()).receive(bytes(body), signed("app-secret", body)), 503, "META_APP_SECRET");
    }

    @Test
    void aSignedBodyThatIsNotAPageNotificationIs400() {
        String user = "{\"object\":\"user\",\"entry\":[]}";
        assertRefused(() -> receiver.receive(bytes(user), signed("app-secret", user)), 400, "object: must be page");
        String noId = "{\"object\":\"page\",\"entry\":[{\"changes\":[{\"field\":\"leadgen\",\"value\":{\"form_id\":\"1\"}}]}]}";
        assertRefused(() -> receiver.receive(bytes(noId), signed("app-secret", noId)), 400, "leadgen_id: required");
    }

    @Test
    void otherPageFieldsAreIgnored() {
        String feed = "{\"object\":\"page\",\"entry\":[{\"changes\":[{\"field\":\"feed\",\"value\":{\"item\":\"post\"}}]}]}";
        assertThat(receiver.receive(bytes(feed), signed("app-secret", feed))).containsEntry("received", 0);
    }
}
