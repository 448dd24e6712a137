package com.opulenthorizons.gateway.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.opulenthorizons.gateway.store.InMemoryLeadStore;
import com.opulenthorizons.gateway.store.StoredEvent;
import com.opulenthorizons.gateway.store.WorkflowEventType;

class CallEventServiceTest {

    private final InMemoryLeadStore store = new InMemoryLeadStore();
    private final CallEventService service = new CallEventService(store);

    @ParameterizedTest
    @CsvSource({
            "call.started, CallReceived",
            "call.ringing, CallReceived",
            "CALL.RINGING, CallReceived",
            "call.ended, CallCompleted",
            "call.answered, CallCompleted",
            "call.missed, CallCompleted",
            "recording.ready, CallCompleted"})
    void mapsCloudTalkEventsToWorkflowEvents(String cloudTalk, WorkflowEventType expected) {
        assertThat(CallEventService.workflowEventType(cloudTalk)).isEqualTo(expected);
    }

    @Test
    void storesTheCallAsACloudTalkWorkflowEvent() {
        CallEventResult result = service.process(new CloudTalkEventRequest("call.ended", "call-77", "inbound",
                "+442079460958", "+442079460000", "https://rec.example/77.mp3", Map.of("agent", "Zoe")));

        assertThat(result.accepted()).isTrue();
        assertThat(result.eventType()).isEqualTo(WorkflowEventType.CallCompleted);
        StoredEvent event = store.findEvent(result.eventId()).orElseThrow();
        assertThat(event.sourceSystem()).isEqualTo("CLOUDTALK");
        assertThat(event.eventType()).isEqualTo("CallCompleted");
        assertThat(event.payload())
                .containsEntry("call_id", "call-77")
                .containsEntry("cloudtalk_event_type", "call.ended")
                .containsEntry("direction", "inbound")
                .containsEntry("recording_url", "https://rec.example/77.mp3")
                .containsEntry("raw", Map.of("agent", "Zoe"));
    }
}
