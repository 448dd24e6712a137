package com.opulenthorizons.gateway.webhook;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.opulenthorizons.gateway.common.InvalidArgumentException;
import com.opulenthorizons.gateway.common.SharedSecrets;
import com.opulenthorizons.gateway.common.WireJson;
import com.opulenthorizons.gateway.events.CallEventResult;
import com.opulenthorizons.gateway.events.CallEventService;
import com.opulenthorizons.gateway.events.CloudTalkEventRequest;
import com.opulenthorizons.gateway.events.NotionEventRequest;
import com.opulenthorizons.gateway.events.NotionEventResult;
import com.opulenthorizons.gateway.events.NotionEventService;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import tools.jackson.core.JacksonException;

/**
 * The signed webhook receivers' logic: authenticate the raw body first, then parse it and hand it
 * to the same services as the MCP tools. Every refusal is a {@link WebhookRejectedException}
 * carrying the HTTP status, and nothing is stored for it.
 */
@ApplicationScoped
public class WebhookReceiver {

    private static final Set<String> CLOUDTALK_FIELDS = Set.of("event_type", "call_id", "direction", "from_number", "to_number",
            "recording_url", "raw");

    private SignatureVerifier signatures;
    private WebhookSecrets secrets;
    private CallEventService calls;
    private NotionEventService notion;
    private NotionVerificationTokens verificationTokens;
    private Validator validator;

    protected WebhookReceiver() {
        // for CDI proxies
    }

    @Inject
    public WebhookReceiver(SignatureVerifier signatures, WebhookSecrets secrets, CallEventService calls, NotionEventService notion,
            Validator validator, @ConfigProperty(name = "NOTION_VERIFICATION_TOKEN_FILE") String tokenFile) {
        this(signatures, secrets, calls, notion, validator, new NotionVerificationTokens(Path.of(tokenFile)));
    }

    public WebhookReceiver(SignatureVerifier signatures, WebhookSecrets secrets, CallEventService calls, NotionEventService notion,
            Validator validator, NotionVerificationTokens verificationTokens) {
        this.signatures = signatures;
        this.secrets = secrets;
        this.calls = calls;
        this.notion = notion;
        this.validator = validator;
        this.verificationTokens = verificationTokens;
    }

    /**
     * A CloudTalk event, authenticated by {@code X-CloudTalk-Signature} (hex HMAC-SHA256 of the
     * body) or by {@code Authorization: Bearer <secret>} (CloudTalk can only send static headers).
     */
    public CallEventResult receiveCloudTalk(byte[] body, String signature, String authorization) {
        List<byte[]> keys = secrets.secretsOf(WebhookSource.CLOUDTALK);
        if (keys.isEmpty()) {
            throw new WebhookRejectedException(503, "CLOUDTALK_WEBHOOK_SECRET is not set: CloudTalk webhooks are refused");
        }
        boolean authentic;
        Optional<String> bearer = SharedSecrets.bearerToken(authorization);
        if (signature != null && !signature.isBlank()) {
            authentic = verify(WebhookSource.CLOUDTALK, body, signature);
        } else if (bearer.isPresent()) {
            authentic = SharedSecrets.matchesAny(bearer.get(), keys);
        } else {
            throw new WebhookRejectedException(401, "missing X-CloudTalk-Signature or Authorization: Bearer header");
        }
        if (!authentic) {
            throw new WebhookRejectedException(401, "signature does not match");
        }
        Map<String, Object> json = parseObject(body);
        Map<String, Object> fields = new HashMap<>();
        json.forEach((k, v) -> {
            if (CLOUDTALK_FIELDS.contains(k)) {
                fields.put(k, v);
            }
        });
        // Whatever else CloudTalk sent is kept whole.
        fields.putIfAbsent("raw", json);
        CloudTalkEventRequest request;
        try {
            request = WireJson.MAPPER.convertValue(fields, CloudTalkEventRequest.class);
        } catch (JacksonException | IllegalArgumentException e) {
            throw new WebhookRejectedException(400, "body fields have the wrong types");
        }
        validate(request);
        return calls.process(request);
    }

    /**
     * A Notion delivery: the unsigned verification request (its token is recorded), the original
     * system's unsigned {@code challenge} handshake, or an event signed with
     * {@code X-Notion-Signature: sha256=<hex>}.
     */
    public NotionReceipt receiveNotion(byte[] body, String signature) {
        if (signature != null && !signature.isBlank()) {
            if (secrets.secretsOf(WebhookSource.NOTION).isEmpty()) {
                throw new WebhookRejectedException(503, "NOTION_WEBHOOK_SECRET is not set: signed Notion events are refused");
            }
            if (!verify(WebhookSource.NOTION, body, signature)) {
                throw new WebhookRejectedException(401, "signature does not match");
            }
            return NotionReceipt.of(notion.process(new NotionEventRequest(parseObject(body))));
        }
        Map<String, Object> json = parseObject(body);
        // Unsigned requests are answered here and never reach the store.
        if (json.size() == 1 && json.get("verification_token") instanceof String token && !token.isBlank()) {
            // Once the secret is set, events are signed and no new subscription is being verified:
            // an unsigned token is then only noise, or an attack on the token file.
            if (!secrets.secretsOf(WebhookSource.NOTION).isEmpty()) {
                throw new WebhookRejectedException(403, "Notion verification tokens are accepted only while "
                        + "NOTION_WEBHOOK_SECRET is unset");
            }
            verificationTokens.record(token);
            return NotionReceipt.tokenRecorded();
        }
        if (json.get("challenge") != null) {
            return NotionReceipt.of(NotionEventResult.challengeEcho(String.valueOf(json.get("challenge"))));
        }
        throw new WebhookRejectedException(401, "missing X-Notion-Signature header");
    }

    private boolean verify(WebhookSource source, byte[] body, String signature) {
        try {
            return signatures.verify(source, body, signature);
        } catch (InvalidArgumentException badHex) {
            return false;
        }
    }

    /** The body as a JSON object; a {@link WebhookRejectedException} (400) for anything else. */
    public static Map<String, Object> parseObject(byte[] body) {
        try {
            Object parsed = WireJson.MAPPER.readValue(body, Object.class);
            if (parsed instanceof Map<?, ?> map) {
                @SuppressWarnings("unchecked")
                Map<String, Object> object = (Map<String, Object>) map;
                return object;
            }
        } catch (JacksonException e) {
            throw new WebhookRejectedException(400, "body is not valid JSON");
        }
        throw new WebhookRejectedException(400, "body must be a JSON object");
    }

    private void validate(Object request) {
        Set<ConstraintViolation<Object>> violations = validator.validate(request);
        if (!violations.isEmpty()) {
            throw new WebhookRejectedException(400, violations.stream()
                    .map(v -> WireJson.wireName(v.getPropertyPath().toString()) + ": " + v.getMessage())
                    .sorted()
                    .collect(Collectors.joining("; ")));
        }
    }

    /** What a Notion delivery led to. */
    public record NotionReceipt(NotionEventResult result, boolean verificationTokenRecorded) {

        static NotionReceipt of(NotionEventResult result) {
            return new NotionReceipt(result, false);
        }

        static NotionReceipt tokenRecorded() {
            return new NotionReceipt(null, true);
        }
    }
}
