package com.opulenthorizons.gateway.meta;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

import com.opulenthorizons.gateway.common.Correlation;
import com.opulenthorizons.gateway.common.InvalidArgumentException;
import com.opulenthorizons.gateway.common.SharedSecrets;
import com.opulenthorizons.gateway.webhook.SignatureVerifier;
import com.opulenthorizons.gateway.webhook.WebhookReceiver;
import com.opulenthorizons.gateway.webhook.WebhookRejectedException;
import com.opulenthorizons.gateway.webhook.WebhookSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Meta's side of the lead ads webhook: the subscription handshake, and notifications checked
 * against {@code X-Hub-Signature-256} over the raw body before anything is parsed, then stored in
 * the {@link MetaLeadInbox}. Fetching the leads is the {@link MetaLeadFetcher}'s work, later: Meta
 * wants a quick 200, and disables a subscription whose answers keep failing.
 */
@ApplicationScoped
public class MetaWebhookReceiver {

    private static final Logger LOG = Logger.getLogger(MetaWebhookReceiver.class.getName());

    private MetaConfig config;
    private SignatureVerifier signatures;
    private MetaLeadInbox inbox;

    protected MetaWebhookReceiver() {
        // for CDI proxies
    }

    @Inject
    public MetaWebhookReceiver(MetaConfig config, SignatureVerifier signatures, MetaLeadInbox inbox) {
        this.config = config;
        this.signatures = signatures;
        this.inbox = inbox;
    }

    /**
     * The answer to Meta's verification request: the challenge, when the mode is {@code subscribe}
     * and the token is META_VERIFY_TOKEN (compared in constant time).
     *
     * @throws WebhookRejectedException 403 for anything else
     */
    public String verifySubscription(String mode, String verifyToken, String challenge) {
        Optional<String> expected = config.verifyToken();
        if (expected.isEmpty()) {
            throw new WebhookRejectedException(403, "META_VERIFY_TOKEN is not set: Meta subscriptions cannot be verified");
        }
        if (!"subscribe".equals(mode) || verifyToken == null || challenge == null
                || !SharedSecrets.matchesAny(verifyToken, List.of(expected.get().getBytes(StandardCharsets.UTF_8)))) {
            throw new WebhookRejectedException(403, "hub.mode must be subscribe and hub.verify_token must be META_VERIFY_TOKEN");
        }
        return challenge;
    }

    /** Stores the body's leadgen notifications; answers how many it held and how many were new. */
    public Map<String, Object> receive(byte[] body, String signature) {
        if (config.appSecret().isEmpty()) {
            throw new WebhookRejectedException(503, "META_APP_SECRET is not set: Meta notifications are refused");
        }
        if (signature == null || signature.isBlank()) {
            throw new WebhookRejectedException(401, "missing X-Hub-Signature-256 header");
        }
        if (!authentic(body, signature)) {
            throw new WebhookRejectedException(401, "signature does not match");
        }
        List<LeadgenNotification> notifications = notifications(WebhookReceiver.parseObject(body));
        String correlationId = Correlation.current().orElseGet(Correlation::newId);
        int stored = 0;
        for (LeadgenNotification n : notifications) {
            if (inbox.receive(n, correlationId)) {
                stored++;
            }
        }
        LOG.info("correlation_id=" + correlationId + " meta: " + notifications.size() + " leadgen notification(s), " + stored + " new");
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("received", notifications.size());
        answer.put("new", stored);
        return answer;
    }

    private boolean authentic(byte[] body, String signature) {
        if (!signature.trim().regionMatches(true, 0, "sha256=", 0, 7)) {
            return false;
        }
        try {
            return signatures.verify(WebhookSource.META, body, signature);
        } catch (InvalidArgumentException badHex) {
            return false;
        }
    }

    /** The {@code leadgen} changes of a page notification; other fields are not ours and are left out. */
    static List<LeadgenNotification> notifications(Map<String, Object> json) {
        if (!"page".equals(json.get("object"))) {
            throw new WebhookRejectedException(400, "object: must be page");
        }
        if (!(json.get("entry") instanceof List<?> entries)) {
            throw new WebhookRejectedException(400, "entry: must be a list");
        }
        List<LeadgenNotification> found = new ArrayList<>();
        for (Object e : entries) {
            if (e instanceof Map<?, ?> entry && entry.get("changes") instanceof List<?> changes) {
                for (Object c : changes) {
                    if (c instanceof Map<?, ?> change && "leadgen".equals(change.get("field"))) {
                        found.add(notification(change.get("value")));
                    }
                }
            }
        }
        return found;
    }

    private static LeadgenNotification notification(Object v) {
        if (!(v instanceof Map<?, ?> value) || text(value.get("leadgen_id")) == null) {
            throw new WebhookRejectedException(400, "entry[].changes[].value.leadgen_id: required");
        }
        String leadgenId = text(value.get("leadgen_id"));
        if (!leadgenId.matches("[0-9A-Za-z_-]{1,64}")) {
            throw new WebhookRejectedException(400, "entry[].changes[].value.leadgen_id: must be a Graph object id");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> raw = (Map<String, Object>) value;
        Long created = value.get("created_time") instanceof Number n ? n.longValue() : null;
        return new LeadgenNotification(leadgenId, text(value.get("form_id")), text(value.get("page_id")), text(value.get("ad_id")),
                created, raw);
    }

    /** Meta sends ids as numbers or strings; both are kept as text (a 64-bit id must not pass through a double). */
    private static String text(Object o) {
        String s = o == null ? null : o.toString();
        return s == null || s.isBlank() ? null : s.length() > 64 ? s.substring(0, 64) : s;
    }
}
