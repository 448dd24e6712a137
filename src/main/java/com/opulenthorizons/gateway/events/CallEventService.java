package com.opulenthorizons.gateway.events;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.opulenthorizons.gateway.lead.SourceSystem;
import com.opulenthorizons.gateway.store.LeadStore;
import com.opulenthorizons.gateway.store.NewWorkflowEvent;
import com.opulenthorizons.gateway.store.WorkflowEventType;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Records CloudTalk call events as workflow events. */
@ApplicationScoped
public class CallEventService {

    /** CloudTalk events that mean a call is under way; every other event means it has ended. */
    private static final Set<String> CALL_UNDER_WAY = Set.of("call.started", "call.ringing");

    private LeadStore store;

    protected CallEventService() {
        // for CDI proxies
    }

    @Inject
    public CallEventService(LeadStore store) {
        this.store = store;
    }

    public static WorkflowEventType workflowEventType(String cloudTalkEventType) {
        return CALL_UNDER_WAY.contains(cloudTalkEventType.trim().toLowerCase(Locale.ROOT))
                ? WorkflowEventType.CallReceived
                : WorkflowEventType.CallCompleted;
    }

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
        UUID eventId = UUID.randomUUID();
        store.append(new NewWorkflowEvent(eventId, null, type.name(), payload, SourceSystem.CLOUDTALK.name()));
        return new CallEventResult(eventId, type, true);
    }
}
