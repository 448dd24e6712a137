package com.opulenthorizons.gateway.webhook;

import java.time.Instant;
import java.util.logging.Logger;

import com.opulenthorizons.gateway.common.InvalidArgumentException;
import com.opulenthorizons.gateway.common.IsoInstant;
import com.opulenthorizons.gateway.store.EventCursor;
import com.opulenthorizons.gateway.store.EventPage;
import com.opulenthorizons.gateway.store.EventQuery;
import com.opulenthorizons.gateway.store.LeadStore;
import com.opulenthorizons.gateway.store.ReplayFilter;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * What operators and agents do with workflow events without SQL: list them with their delivery
 * state, and replay them. A replayed event goes out with the next poll of any replica.
 */
@ApplicationScoped
public class WorkflowEventService {

    private static final Logger LOG = Logger.getLogger(WorkflowEventService.class.getName());

    private LeadStore store;

    protected WorkflowEventService() {
        // for CDI proxies
    }

    @Inject
    public WorkflowEventService(LeadStore store) {
        this.store = store;
    }

    public ListEventsResult list(ListEventsRequest request) {
        EventCursor after = request.cursor() == null ? null : EventCursor.decode(request.cursor())
                .orElseThrow(() -> new InvalidArgumentException("cursor", "is not a next_cursor of list_events"));
        EventPage page = store.listEvents(new EventQuery(request.status(), request.type(), request.ohid(),
                instant("occurred_from", request.occurredFrom()), instant("occurred_before", request.occurredBefore()), after,
                request.limitOrDefault()));
        return new ListEventsResult(page.events().stream().map(ListedEventItem::of).toList(),
                page.next().map(EventCursor::encode).orElse(null));
    }

    public ReplayEventsResult replay(ReplayEventsRequest request) {
        int replayed;
        if (request.byIds()) {
            replayed = store.replay(request.eventIds());
            LOG.info("replayed " + replayed + " of " + request.eventIds().size() + " workflow events given by id");
        } else {
            ReplayFilter filter = new ReplayFilter(request.type(), instant("occurred_from", request.occurredFrom()),
                    instant("occurred_before", request.occurredBefore()));
            replayed = store.replay(filter);
            LOG.info("replayed " + replayed + " FAILED workflow events (" + filter + ")");
        }
        return new ReplayEventsResult(replayed);
    }

    private static Instant instant(String field, String text) {
        return IsoInstant.parse(field, text);
    }
}
