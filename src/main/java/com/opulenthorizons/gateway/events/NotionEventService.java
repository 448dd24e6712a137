package com.opulenthorizons.gateway.events;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.opulenthorizons.gateway.common.Correlation;
import com.opulenthorizons.gateway.common.Origin;
import com.opulenthorizons.gateway.store.AppendOutcome;
import com.opulenthorizons.gateway.store.LeadStore;
import com.opulenthorizons.gateway.store.NewWorkflowEvent;
import com.opulenthorizons.gateway.store.WorkflowEventType;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Records Notion webhook events, and answers the original system's challenge handshake. */
@ApplicationScoped
public class NotionEventService {

    static final String SOURCE = "NOTION";

    private LeadStore store;

    protected NotionEventService() {
        // for CDI proxies
    }

    @Inject
    public NotionEventService(LeadStore store) {
        this.store = store;
    }

    /** Stores the event once per Notion event id (its {@code id} field), when it has one. */
    public NotionEventResult process(NotionEventRequest request) {
        Object challenge = request.payload().get("challenge");
        if (challenge != null) {
            // A handshake, not an event: echo it and store nothing.
            return NotionEventResult.challengeEcho(String.valueOf(challenge));
        }
        Object notionId = request.payload().get("id");
        // Kept apart by the way in, as CloudTalk's: a tool call cannot shadow Notion's signed delivery.
        String dedupKey = notionId == null ? null : "notion:" + Origin.keyPart() + ":" + notionId;
        Map<String, Object> payload = new LinkedHashMap<>(request.payload());
        Origin.addTo(payload);
        AppendOutcome outcome = store.append(new NewWorkflowEvent(UUID.randomUUID(), null, WorkflowEventType.NotionEvent.name(),
                payload, SOURCE, dedupKey, Correlation.current().orElseGet(Correlation::newId)));
        return NotionEventResult.stored(outcome.eventId());
    }
}
