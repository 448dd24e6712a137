package com.opulenthorizons.gateway.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.UUID;

import com.opulenthorizons.gateway.testing.ShippedBlocklist;
import com.opulenthorizons.gateway.common.Correlation;
import com.opulenthorizons.gateway.common.Origin;
import com.opulenthorizons.gateway.lead.ContactNormalizer;
import com.opulenthorizons.gateway.lead.LeadIngestService;
import com.opulenthorizons.gateway.lead.OhidResolver;
import com.opulenthorizons.gateway.store.InMemoryLeadStore;
import com.opulenthorizons.gateway.store.StoredEvent;
import com.opulenthorizons.gateway.store.WorkflowEventType;
import com.opulenthorizons.gateway.testing.ValidLead;

class CallEventServiceTest {

    private final InMemoryLeadStore store = new InMemoryLeadStore();
    private final ContactNormalizer normalizer = new ContactNormalizer("GB");
    private final CallEventService service = new CallEventService(store, normalizer, ShippedBlocklist.with(normalizer));
    private final LeadIngestService leads = new LeadIngestService(store, normalizer, ShippedBlocklist.with(normalizer), new OhidResolver());

    private UUID knownCaller(String phone) {
        return leads.ingest(ValidLead.web(UUID.randomUUID().toString()).phone(phone).request()).ohid();
    }

    private StoredEvent call(String id, String event, String direction, String from, String to) {
        return store.findEvent(service.process(new CloudTalkEventRequest(event, id, direction, from, to, null, null)).eventId())
                .orElseThrow();
    }

    @Test
    void anInboundCallFromAKnownLeadCarriesTheLeadsOhid() {
        UUID ohid = knownCaller("+44 20 7946 0958");
        assertThat(call("c-1", "call.started", "inbound", "020 7946 0958", "+442079460000").ohid()).isEqualTo(ohid);
    }

    @Test
    void anOutboundCallIsLinkedByTheCalledNumber() {
        UUID ohid = knownCaller("+44 20 7946 0959");
        assertThat(call("c-2", "call.ended", "outbound", "+442079460000", "+44 (0)20 7946 0959").ohid()).isEqualTo(ohid);
        assertThat(call("c-3", "call.ended", "inbound", "+442079460000", "+442079460959").ohid()).isNull();
    }

    @Test
    void unknownAndWithheldNumbersLinkToNoOne() {
        assertThat(call("c-4", "call.started", "inbound", "+442079461111", "+442079460000").ohid()).isNull();
        assertThat(call("c-5", "call.started", "inbound", "anonymous", "+442079460000").ohid()).isNull();
    }

    @Test
    void aRepeatedDeliveryOfOneCallEventIsStoredOnce() {
        StoredEvent first = call("c-6", "call.ended", "inbound", "+442079460001", "+442079460000");
        StoredEvent again = call("c-6", "call.ended", "inbound", "+442079460001", "+442079460000");
        StoredEvent next = call("c-6", "call.recording", "inbound", "+442079460001", "+442079460000");
        assertThat(again.id()).isEqualTo(first.id());
        assertThat(next.id()).isNotEqualTo(first.id());
    }

    @Test
    void aToolCallWithACallIdCannotShadowTheSignedDeliveryOfTheSameCall() {
        StoredEvent fromTool;
        try (Correlation.Scope origin = Origin.open(new Origin(Origin.Via.MCP, "some-agent"))) {
            fromTool = call("c-7", "call.ended", "inbound", "+442079460001", "+442079460000");
        }
        StoredEvent fromCloudTalk;
        try (Correlation.Scope origin = Origin.open(new Origin(Origin.Via.WEBHOOK, "cloudtalk"))) {
            fromCloudTalk = call("c-7", "call.ended", "inbound", "+442079460001", "+442079460000");
        }

        assertThat(fromCloudTalk.id()).isNotEqualTo(fromTool.id());
        assertThat(fromTool.payload()).containsEntry("via", "mcp").containsEntry("caller", "some-agent");
        assertThat(fromCloudTalk.payload()).containsEntry("via", "webhook").containsEntry("caller", "cloudtalk");
    }

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
        assertThat(result.eventType()).isEqualTo(CallEventResult.EventType.CallCompleted);
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
