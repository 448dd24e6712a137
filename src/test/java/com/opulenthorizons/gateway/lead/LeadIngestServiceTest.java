package com.opulenthorizons.gateway.lead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.opulenthorizons.gateway.testing.ShippedBlocklist;
import com.opulenthorizons.gateway.common.Correlation;
import com.opulenthorizons.gateway.common.InvalidArgumentException;
import com.opulenthorizons.gateway.common.Origin;
import com.opulenthorizons.gateway.store.InMemoryLeadStore;
import com.opulenthorizons.gateway.store.StoreCounts;
import com.opulenthorizons.gateway.store.StoredLead;

class LeadIngestServiceTest {

    private final InMemoryLeadStore store = new InMemoryLeadStore();
    private final LeadIngestService service = new LeadIngestService(store, new ContactNormalizer("GB"), ShippedBlocklist.with(new ContactNormalizer("GB")), new OhidResolver());

    private static LeadIngestRequest request(String sourceLeadId, String email, String phone) {
        return new LeadIngestRequest(SourceSystem.META, sourceLeadId, Channel.META_LEAD_AD, "Ann", "Smith", true,
                email, phone, "500k-750k", "Marbella", "villa", "Sea view please", "meta_form_v2", Map.of("form_id", "f1"));
    }

    @Test
    void answersWithTheIdsAndStatus() {
        LeadIngestResult result = service.ingest(request("m-1", "ann@example.com", null));
        assertThat(result.status()).isEqualTo(LeadIngestResult.Status.ingested);
        assertThat(result.sourceSystem()).isEqualTo(SourceSystem.META);
        assertThat(store.findLead(result.ingestId())).map(StoredLead::ohid).contains(result.ohid());
    }

    @Test
    void storesTheWholeRequestWithNormalisedContactsUnderPerson() {
        LeadIngestResult result = service.ingest(request("m-2", "  Ann@Example.COM ", "020 7946 0958"));
        StoredLead lead = store.findLead(result.ingestId()).orElseThrow();
        assertThat(lead.payload()).containsEntry("person",
                Map.of("first_name", "Ann", "last_name", "Smith", "email", "ann@example.com", "phone", "+442079460958"));
        assertThat(lead.payload()).containsEntry("budget_range", "500k-750k")
                .containsEntry("location", "Marbella")
                .containsEntry("property_type", "villa")
                .containsEntry("free_text", "Sea view please")
                .containsEntry("raw_payload", Map.of("form_id", "f1"));
        assertThat(lead.consent()).isEqualTo(Map.of("marketing_consent", true, "consent_source", "meta_form_v2"));
    }

    @Test
    void theLeadAndItsEventSayHowTheyArrived() {
        LeadIngestResult result;
        try (Correlation.Scope origin = Origin.open(new Origin(Origin.Via.MCP, "n8n-intake"))) {
            result = service.ingest(request("m-9", "via@example.com", null));
        }
        assertThat(store.findLead(result.ingestId()).orElseThrow().payload()).containsEntry("via", "mcp")
                .containsEntry("caller", "n8n-intake");
        // the LeadIngested event, as the outbox hands it on
        assertThat(store.claimDue(10, java.time.Duration.ofMinutes(1))).singleElement()
                .satisfies(event -> assertThat(event.payload()).containsEntry("via", "mcp").containsEntry("caller", "n8n-intake"));
    }

    @Test
    void aReplayReturnsTheFirstIdsAndStoresNothing() {
        LeadIngestResult first = service.ingest(request("m-3", "ann@example.com", null));
        StoreCounts counts = store.counts();
        LeadIngestResult replay = service.ingest(request("m-3", "someone.else@example.com", null));
        assertThat(replay).isEqualTo(first);
        assertThat(store.counts()).isEqualTo(counts);
    }

    @Test
    void aRawPayloadOverTheLimitIsRefusedAndNothingIsStored() {
        LeadIngestService capped = new LeadIngestService(store, new ContactNormalizer("GB"),
                ShippedBlocklist.with(new ContactNormalizer("GB")), new OhidResolver(), 16);
        StoreCounts counts = store.counts();
        LeadIngestRequest big = new LeadIngestRequest(SourceSystem.META, "m-big", Channel.META_LEAD_AD, "Ann", "Smith", true,
                "big@example.com", null, null, null, null, null, null, Map.of("form_id", "a-form-id-longer-than-16"));
        assertThatThrownBy(() -> capped.ingest(big)).isInstanceOf(InvalidArgumentException.class)
                .hasMessageStartingWith("raw_payload: must be at most 16 bytes");
        assertThat(store.counts()).isEqualTo(counts);
    }

    @Test
    void emailsMatchWhateverTheirCaseAndSpacing() {
        UUID ohid = service.ingest(request("m-4", "Ann@Example.com", null)).ohid();
        assertThat(service.ingest(request("m-5", " ann@EXAMPLE.com", null)).ohid()).isEqualTo(ohid);
        assertThat(service.lookup(new OhidLookupRequest("ANN@example.com ", null))).isEqualTo(OhidLookupResult.of(ohid));
    }

    @Test
    void phonesMatchWhateverTheirFormat() {
        UUID ohid = service.ingest(request("m-6", null, "+44 20 7946 0958")).ohid();
        assertThat(service.ingest(request("m-7", null, "(020) 7946-0958")).ohid()).isEqualTo(ohid);
        assertThat(service.lookup(new OhidLookupRequest(null, "0044 20 7946 0958")).ohid()).isEqualTo(ohid);
    }

    @Test
    void lookupOfAnUnknownPersonIsNotFound() {
        assertThat(service.lookup(new OhidLookupRequest("nobody@example.com", null))).isEqualTo(new OhidLookupResult(null, false));
    }

    @Test
    void anImpossiblePhoneIsRefusedAndNothingIsStored() {
        StoreCounts counts = store.counts();
        assertThatThrownBy(() -> service.ingest(request("m-8", null, "12")))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageStartingWith("phone:");
        assertThat(store.counts()).isEqualTo(counts);
    }
}
