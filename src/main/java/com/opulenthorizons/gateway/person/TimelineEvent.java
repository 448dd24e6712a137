package com.opulenthorizons.gateway.person;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.opulenthorizons.gateway.common.Description;
import com.opulenthorizons.gateway.store.DeliveryStatus;
import com.opulenthorizons.gateway.store.StoredEvent;

/** One workflow event of a person's timeline. */
public record TimelineEvent(
        @Description("The event id") UUID id,
        @Description("LeadIngested, CallReceived, CallCompleted, NotionEvent, ConsentChanged, PeopleMerged, ...") String type,
        @Description("When it occurred, ISO-8601") String occurredAt,
        @Description("Where it came from") String sourceSystem,
        @Description("A call's direction (inbound or outbound)") String direction,
        @Description("A call's recording") String recordingUrl,
        @Description("Where its delivery to the workflow webhook stands") DeliveryStatus deliveryStatus,
        @Description("The event's payload, without the sender's raw body") Map<String, Object> details) {

    static TimelineEvent of(StoredEvent e) {
        Map<String, Object> details = new LinkedHashMap<>(e.payload() == null ? Map.of() : e.payload());
        details.remove("raw");
        details.remove("raw_payload");
        return new TimelineEvent(e.id(), e.eventType(), e.occurredAt().toString(), e.sourceSystem(),
                LeadView.text(details, "direction"), LeadView.text(details, "recording_url"), e.deliveryStatus(), details);
    }
}
