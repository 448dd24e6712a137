package com.opulenthorizons.gateway.events;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import com.opulenthorizons.gateway.common.Correlation;
import com.opulenthorizons.gateway.common.InvalidArgumentException;
import com.opulenthorizons.gateway.common.Origin;
import com.opulenthorizons.gateway.lead.BlockedIdentifiers;
import com.opulenthorizons.gateway.lead.ContactNormalizer;
import com.opulenthorizons.gateway.lead.SourceSystem;
import com.opulenthorizons.gateway.store.AppendOutcome;
import com.opulenthorizons.gateway.store.LeadStore;
import com.opulenthorizons.gateway.store.NewWorkflowEvent;
import com.opulenthorizons.gateway.store.WorkflowEventType;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Records CloudTalk call events as workflow events, linked to the caller's OHID when the caller
 * is a known lead. The MCP tool and the webhook receiver both come here.
 */
@ApplicationScoped
public class CallEventService {

    /** CloudTalk events that mean a call is under way; every other event means it has ended. */
    private static final Set<String> CALL_UNDER_WAY = Set.of("call.started", "call.ringing");

    private LeadStore store;
    private ContactNormalizer normalizer;
    private BlockedIdentifiers blocked;

    protected CallEventService() {
        // for CDI proxies
    }

    @Inject
    public CallEventService(LeadStore store, ContactNormalizer normalizer, BlockedIdentifiers blocked) {
        this.store = store;
        this.normalizer = normalizer;
        this.blocked = blocked;
    }

    public static WorkflowEventType workflowEventType(String cloudTalkEventType) {
        return CALL_UNDER_WAY.contains(cloudTalkEventType.trim().toLowerCase(Locale.ROOT))
                ? WorkflowEventType.CallReceived
                : WorkflowEventType.CallCompleted;
    }

    /**
     * Stores the event once per (way in, call_id, event_type): a repeated delivery answers with the
     * first one's id. The signed webhook and the {@code process_cloudtalk_event} tool are different
     * ways in, so each keeps its own copy, marked {@code via}.
     */
    public CallEventResult process(CloudTalkEventRequest request) {
        WorkflowEventType type = workflowEventType(request.eventType());
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("cloudtalk_event_type", request.eventType());
        payload.put("call_id", request.callId());
        payload.put("direction", request.direction());
        payload.put("from_number", request.fromNumber());
        payload.put("to_number", request.toNumber());
        if (request.recordingUrl() != null) {
            payload.put("recording_url", request.recordingUrl());
        }
        if (request.raw() != null) {
            payload.put("raw", request.raw());
        }
        Origin.addTo(payload);
        UUID ohid = callerOhid(request).orElse(null);
        // Kept apart by the way in: an unsigned tool call with a real call_id cannot shadow CloudTalk's signed delivery.
        String dedupKey = "cloudtalk:" + Origin.keyPart() + ":" + request.callId() + ":"
                + request.eventType().trim().toLowerCase(Locale.ROOT);
        AppendOutcome outcome = store.append(new NewWorkflowEvent(UUID.randomUUID(), ohid, type.name(), payload,
                SourceSystem.CLOUDTALK.name(), dedupKey, Correlation.current().orElseGet(Correlation::newId)));
        return new CallEventResult(outcome.eventId(), CallEventResult.EventType.of(type), true);
    }

    /**
     * The person on the other end: the caller of an inbound call, the called number of an
     * outbound one. A number that is not a phone number (withheld, "anonymous"), or a blocked one
     * (the business's own line), links to no one.
     */
    Optional<UUID> callerOhid(CloudTalkEventRequest request) {
        boolean outbound = "outbound".equalsIgnoreCase(request.direction().trim());
        String number = outbound ? request.toNumber() : request.fromNumber();
        try {
            String e164 = normalizer.normalizePhone(number, outbound ? "to_number" : "from_number");
            return e164 == null || blocked.isBlockedPhone(e164) ? Optional.empty() : store.lookup().byPhone(e164);
        } catch (InvalidArgumentException notAPhone) {
            return Optional.empty();
        }
    }
}
