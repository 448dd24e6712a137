package com.opulenthorizons.gateway.events;

import java.util.UUID;

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

    public NotionEventResult process(NotionEventRequest request) {
        Object challenge = request.payload().get("challenge");
        if (challenge != null) {
            // A handshake, not an event: echo it and store nothing.
            return NotionEventResult.challengeEcho(String.valueOf(challenge));
        }
        UUID eventId = UUID.randomUUID();
        store.append(new NewWorkflowEvent(eventId, null, WorkflowEventType.NotionEvent.name(), request.payload(), SOURCE));
        return NotionEventResult.stored(eventId);
    }
}
