package com.opulenthorizons.gateway.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.opulenthorizons.gateway.testing.ShippedBlocklist;
import com.opulenthorizons.gateway.common.LogSafeText;
import com.opulenthorizons.gateway.events.CallEventResult;
import com.opulenthorizons.gateway.events.CallEventService;
import com.opulenthorizons.gateway.events.NotionEventService;
import com.opulenthorizons.gateway.lead.ContactNormalizer;
import com.opulenthorizons.gateway.store.InMemoryLeadStore;
import com.opulenthorizons.gateway.store.StoreCounts;
import com.opulenthorizons.gateway.testing.Hmac;

import jakarta.validation.Validation;

class WebhookReceiverTest {

    private static final String CLOUDTALK_BODY = "{\"event_type\":\"call.ended\",\"call_id\":\"c-1\",\"direction\":\"inbound\","
            + "\"from_number\":\"+442079460958\",\"to_number\":\"+442079460000\",\"agent\":{\"name\":\"Zoe\"}}";

    @TempDir
    static Path dir;

    private final InMemoryLeadStore store = new InMemoryLeadStore();

    private WebhookReceiver receiver(Map<String, String> config) {
        WebhookSecrets secrets = new WebhookSecrets(key -> Optional.ofNullable(config.get(key)));
        return new WebhookReceiver(new SignatureVerifier(secrets), secrets,
                new CallEventService(store, new ContactNormalizer("GB"), ShippedBlocklist.with(new ContactNormalizer("GB"))), new NotionEventService(store),
                Validation.buildDefaultValidatorFactory().getValidator(), new NotionVerificationTokens(dir.resolve("token.txt")));
    }

    private final WebhookReceiver receiver = receiver(Map.of("CLOUDTALK_WEBHOOK_SECRET", "old-secret,new-secret",
            "NOTION_WEBHOOK_SECRET", "secret_notion"));

    /** Before NOTION_WEBHOOK_SECRET is set: the only time Notion's verification token is taken. */
    private final WebhookReceiver verifying = receiver(Map.of("CLOUDTALK_WEBHOOK_SECRET", "old-secret"));

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String hmac(String key, String body) {
        return Hmac.sha256Hex(key, body);
    }

    private void assertRefused(Runnable call, int status, String message) {
        StoreCounts before = store.counts();
        assertThatThrownBy(call::run).isInstanceOf(WebhookRejectedException.class)
                .hasMessageContaining(message)
                .satisfies(e -> assertThat(((WebhookRejectedException) e).status()).isEqualTo(status));
        assertThat(store.counts()).as("nothing stored").isEqualTo(before);
    }

    // --- CloudTalk ---------------------------------------------------------------------------

    @Test
    void aCloudTalkEventSignedWithEitherRotatingSecretIsStored() {
        CallEventResult old = receiver.receiveCloudTalk(bytes(CLOUDTALK_BODY), hmac("old-secret", CLOUDTALK_BODY), null);
        assertThat(old.accepted()).isTrue();
        String other = CLOUDTALK_BODY.replace("c-1", "c-2");
        assertThat(receiver.receiveCloudTalk(bytes(other), hmac("new-secret", other), null).accepted()).isTrue();
        assertThat(store.counts().events()).isEqualTo(2);
        // Unknown fields are kept in raw.
        assertThat(store.findEvent(old.eventId()).orElseThrow().payload().get("raw")).asString().contains("Zoe");
    }

    @Test
    void aBearerSecretIsAccepted() {
        assertThat(receiver.receiveCloudTalk(bytes(CLOUDTALK_BODY), null, "Bearer new-secret").accepted()).isTrue();
    }

    @Test
    void aBadSignatureOrBearerIsRefusedAndNothingIsStored() {
        assertRefused(() -> receiver.receiveCloudTalk(bytes(CLOUDTALK_BODY), hmac("wrong", CLOUDTALK_BODY), null), 401,
                "signature does not match");
        assertRefused(() -> receiver.receiveCloudTalk(bytes(CLOUDTALK_BODY), "not hex", null), 401, "signature does not match");
        assertRefused(() -> receiver.receiveCloudTalk(bytes(CLOUDTALK_BODY), null, "Bearer guess"), 401, "signature does not match");
        assertRefused(() -> receiver.receiveCloudTalk(bytes(CLOUDTALK_BODY), null, null), 401, "missing");
    }

    @Test
    void aSignatureOverADifferentBodyIsRefused() {
        String tampered = CLOUDTALK_BODY.replace("call.ended", "call.started");
        assertRefused(() -> receiver.receiveCloudTalk(bytes(tampered), hmac("old-secret", CLOUDTALK_BODY), null), 401,
                "signature does not match");
    }

    @Test
    void aMalformedBodyIsABadRequest() {
        String notJson = "call ended";
        assertRefused(() -> receiver.receiveCloudTalk(bytes(notJson), hmac("old-secret", notJson), null), 400, "not valid JSON");
        String missing = "{\"event_type\":\"call.ended\"}";
        assertRefused(() -> receiver.receiveCloudTalk(bytes(missing), hmac("old-secret", missing), null), 400,
                "call_id: must not be blank");
    }

    @Test
    void withoutASecretCloudTalkWebhooksAreRefused() {
        WebhookReceiver unconfigured = receiver(Map.of());
        assertRefused(() -> unconfigured.receiveCloudTalk(bytes(CLOUDTALK_BODY), null, "Bearer x"), 503,
                "CLOUDTALK_WEBHOOK_SECRET is not set");
    }

    // --- Notion ------------------------------------------------------------------------------

    @Test
    void theVerificationTokenIsRecordedInFullInTheFileOnly() throws Exception {
        String token = "secret_tMrlL1qK5vuQAh1b6cZGhFChZTSYJlce98V0pYn7yBl";
        WebhookReceiver.NotionReceipt receipt = verifying.receiveNotion(bytes("{\"verification_token\":\"" + token + "\"}"), null);
        assertThat(receipt.verificationTokenRecorded()).isTrue();
        assertThat(Files.readString(dir.resolve("token.txt")).trim()).endsWith(" " + token);
        assertThat(LogSafeText.fingerprint(token)).startsWith("\u20267yBl (50 chars, sha256 ").doesNotContain("tMrlL1");
        assertThat(store.counts().events()).isZero();
    }

    @Test
    void aForgedVerificationTokenDoesNotReplaceTheRealOne() throws Exception {
        verifying.receiveNotion(bytes("{\"verification_token\":\"secret_real_one_1234\"}"), null);
        verifying.receiveNotion(bytes("{\"verification_token\":\"secret_forged_5678\"}"), null);
        assertThat(Files.readAllLines(dir.resolve("token.txt"))).anySatisfy(l -> assertThat(l).endsWith(" secret_real_one_1234"))
                .anySatisfy(l -> assertThat(l).endsWith(" secret_forged_5678"));
    }

    @Test
    void onceTheSecretIsSetAVerificationTokenIsRefusedAndNotWritten() throws Exception {
        Path file = dir.resolve("token.txt");
        long before = Files.exists(file) ? Files.size(file) : 0;

        assertRefused(() -> receiver.receiveNotion(bytes("{\"verification_token\":\"secret_late_123456\"}"), null), 403,
                "accepted only while NOTION_WEBHOOK_SECRET is unset");
        assertThat(Files.exists(file) ? Files.size(file) : 0).isEqualTo(before);
    }

    @Test
    void aTokenThatDoesNotLookLikeOneIsRefused() {
        assertRefused(() -> verifying.receiveNotion(bytes("{\"verification_token\":\"<script>alert(1)</script>\"}"), null), 400,
                "verification_token: must be 8 to 200 of A-Z a-z 0-9 _ -");
        assertRefused(() -> verifying.receiveNotion(bytes("{\"verification_token\":\"short\"}"), null), 400,
                "verification_token: must be");
    }

    @Test
    void theTokenFileIsCappedAndKeptOwnerOnly() throws Exception {
        Path file = Files.createFile(dir.resolve("capped-" + System.nanoTime() + ".txt"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--")));
        NotionVerificationTokens tokens = new NotionVerificationTokens(file);

        tokens.record("secret_first_token");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        for (int i = 1; i < NotionVerificationTokens.MAX_LINES; i++) {
            tokens.record("secret_token_" + i);
        }
        assertThatThrownBy(() -> tokens.record("secret_one_too_many"))
                .isInstanceOfSatisfying(WebhookRejectedException.class, e -> assertThat(e.status()).isEqualTo(429));
        assertThat(Files.readAllLines(file)).hasSize(NotionVerificationTokens.MAX_LINES).first().asString().endsWith(" secret_first_token");
    }

    @Test
    void anUnsignedBodyWithMoreThanATokenOrANullChallengeIsRefused() {
        assertRefused(() -> receiver.receiveNotion(bytes("{\"challenge\":null,\"type\":\"page.created\"}"), null), 401,
                "missing X-Notion-Signature");
        assertRefused(() -> receiver.receiveNotion(bytes("{\"verification_token\":\"t\",\"type\":\"x\"}"), null), 401,
                "missing X-Notion-Signature");
    }

    @Test
    void aSignedNotionEventIsStored() {
        String body = "{\"id\":\"evt-1\",\"type\":\"page.created\"}";
        WebhookReceiver.NotionReceipt receipt = receiver.receiveNotion(bytes(body), "sha256=" + hmac("secret_notion", body));
        assertThat(receipt.result().accepted()).isTrue();
        assertThat(store.findEvent(receipt.result().eventId()).orElseThrow().eventType()).isEqualTo("NotionEvent");
    }

    @Test
    void anUnsignedOrBadlySignedNotionEventIsRefused() {
        String body = "{\"id\":\"evt-2\",\"type\":\"page.created\"}";
        assertRefused(() -> receiver.receiveNotion(bytes(body), null), 401, "missing X-Notion-Signature");
        assertRefused(() -> receiver.receiveNotion(bytes(body), "sha256=" + hmac("wrong", body)), 401, "signature does not match");
    }

    @Test
    void theOriginalChallengeEchoStillWorks() {
        assertThat(receiver.receiveNotion(bytes("{\"challenge\":\"abc\"}"), null).result().challenge()).isEqualTo("abc");
        assertThat(store.counts().events()).isZero();
    }
}
