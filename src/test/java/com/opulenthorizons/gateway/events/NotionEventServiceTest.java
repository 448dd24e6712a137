package com.opulenthorizons.gateway.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.opulenthorizons.gateway.store.InMemoryLeadStore;
import com.opulenthorizons.gateway.store.StoreCounts;
import com.opulenthorizons.gateway.store.StoredEvent;

class NotionEventServiceTest {

    private final InMemoryLeadStore store = new InMemoryLeadStore();
    private final NotionEventService service = new NotionEventService(store);

    @Test
    void aChallengeIsEchoedAndNothingIsStored() {
        NotionEventResult result = service.process(new NotionEventRequest(Map.of("challenge", "abc123")));
        assertThat(result).isEqualTo(NotionEventResult.challengeEcho("abc123"));
        assertThat(store.counts()).isEqualTo(new StoreCounts(0, 0));
    }

    @Test
    void aRepeatedDeliveryOfOneNotionEventIsStoredOnce() {
        Map<String, Object> payload = Map.of("id", "evt-1", "type", "page.created");
        NotionEventResult first = service.process(new NotionEventRequest(payload));
        NotionEventResult again = service.process(new NotionEventRequest(payload));
        assertThat(again.eventId()).isEqualTo(first.eventId());
        assertThat(store.counts().events()).isEqualTo(1);
    }

    @Test
    void anEventIsStoredWhole() {
        Map<String, Object> payload = Map.of("type", "page.created", "entity", Map.of("id", "p1"));
        NotionEventResult result = service.process(new NotionEventRequest(payload));
        assertThat(result.accepted()).isTrue();
        StoredEvent event = store.findEvent(result.eventId()).orElseThrow();
        assertThat(event.eventType()).isEqualTo("NotionEvent");
        assertThat(event.payload()).isEqualTo(payload);
        assertThat(event.sourceSystem()).isEqualTo("NOTION");
    }
}
