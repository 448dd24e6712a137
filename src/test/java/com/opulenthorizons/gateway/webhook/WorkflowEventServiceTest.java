package com.opulenthorizons.gateway.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.opulenthorizons.gateway.common.InvalidArgumentException;
import com.opulenthorizons.gateway.store.DeliveryStatus;
import com.opulenthorizons.gateway.store.InMemoryLeadStore;
import com.opulenthorizons.gateway.store.NewWorkflowEvent;

/** list_events and replay_events as the tools call them, on the in-memory store. */
class WorkflowEventServiceTest {

    private final InMemoryLeadStore store = new InMemoryLeadStore();
    private final WorkflowEventService service = new WorkflowEventService(store);

    private UUID append() {
        UUID id = UUID.randomUUID();
        store.append(new NewWorkflowEvent(id, null, "LeadIngested", Map.of(), "WEBSITE", null, "corr-s"));
        return id;
    }

    private static ListEventsRequest page(String cursor, Integer limit) {
        return new ListEventsRequest(null, null, null, null, null, cursor, limit);
    }

    @Test
    void aPageHasTwentyEventsUnlessToldOtherwiseAndTheCursorLeadsToTheRest() {
        for (int i = 0; i < 25; i++) {
            append();
        }
        ListEventsResult first = service.list(page(null, null));
        assertThat(first.events()).hasSize(20);
        assertThat(first.nextCursor()).isNotNull();

        ListEventsResult rest = service.list(page(first.nextCursor(), 100));
        assertThat(rest.events()).hasSize(5);
        assertThat(rest.nextCursor()).isNull();
        assertThat(rest.events().get(0).status()).isEqualTo(DeliveryStatus.PENDING);
        assertThat(rest.events().get(0).nextAttemptAt()).isNotNull();
    }

    @Test
    void aCursorThatListEventsDidNotGiveIsRefusedByName() {
        assertThatThrownBy(() -> service.list(page("bm90IGEgY3Vyc29y", null))).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("cursor: is not a next_cursor of list_events");
    }

    @Test
    void aTimeThatIsNotAnInstantIsRefusedByName() {
        assertThatThrownBy(() -> service.list(new ListEventsRequest(null, null, null, "yesterday", null, null, null)))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("occurred_from: must be an ISO-8601 instant such as 2026-01-31T00:00:00Z");
    }

    @Test
    void aReplayByIdAnswersHowManyWentBackInTheQueue() {
        UUID pending = append();
        assertThat(service.replay(new ReplayEventsRequest(List.of(pending, UUID.randomUUID()), null, null, null, null)).replayed())
                .isZero();
        assertThat(service.replay(new ReplayEventsRequest(null, ReplayableStatus.FAILED, "LeadIngested", null, null)).replayed())
                .isZero();
    }

    @Test
    void aReplayRequestTakesIdsOrTheFailedFilterNotBoth() {
        List<UUID> ids = List.of(UUID.randomUUID());
        assertThat(new ReplayEventsRequest(ids, null, null, null, null).isIdsOrFilter()).isTrue();
        assertThat(new ReplayEventsRequest(null, ReplayableStatus.FAILED, null, null, null).isIdsOrFilter()).isTrue();
        assertThat(new ReplayEventsRequest(null, null, null, null, null).isIdsOrFilter()).isFalse();
        assertThat(new ReplayEventsRequest(ids, ReplayableStatus.FAILED, null, null, null).isIdsOrFilter()).isFalse();
        assertThat(new ReplayEventsRequest(ids, null, "LeadIngested", null, null).isIdsOrFilter()).isFalse();
        assertThat(new ReplayEventsRequest(null, null, "LeadIngested", null, null).isIdsOrFilter()).isFalse();
    }
}
