package com.opulenthorizons.gateway.zoho;

import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.opulenthorizons.gateway.testing.ShippedBlocklist;
import com.opulenthorizons.gateway.common.WireJson;
import com.opulenthorizons.gateway.lead.ContactNormalizer;
import com.opulenthorizons.gateway.lead.LeadIngestResult;
import com.opulenthorizons.gateway.lead.LeadIngestService;
import com.opulenthorizons.gateway.lead.OhidResolver;
import com.opulenthorizons.gateway.store.InMemoryLeadStore;
import com.opulenthorizons.gateway.store.StoreCounts;
import com.opulenthorizons.gateway.store.StoredLead;
import com.opulenthorizons.gateway.testing.ValidLead;
import com.opulenthorizons.gateway.zoho.client.ZohoException;
import com.opulenthorizons.gateway.zoho.client.ZohoRetryableException;

import jakarta.validation.Validation;
import jakarta.validation.Validator;

class ZohoSyncServiceTest {

    @RegisterExtension
    final FakeZohoExtension fake = new FakeZohoExtension();

    private WireMockServer server;
    private FakeZoho zoho;
    private final InMemoryLeadStore store = new InMemoryLeadStore();
    private final LeadIngestService leads = new LeadIngestService(store, new ContactNormalizer("GB"), ShippedBlocklist.with(new ContactNormalizer("GB")), new OhidResolver());
    private ZohoSyncService service;

    @BeforeEach
    void start() {
        server = fake.server();
        zoho = fake.zoho();
        service = service(zoho.config(Map.of()));
    }

    private ZohoSyncService service(ZohoConfig config) {
        ZohoTokenManager tokens = new ZohoTokenManager(config, Clock.systemUTC(), HttpClient.newHttpClient());
        return new ZohoSyncService(new ZohoClient(config, tokens), config, tokens, leads, store);
    }

    private LeadIngestResult localLead(String email) {
        return leads.ingest(ValidLead.web("w-" + UUID.randomUUID()).name("Dee", "Local").email(email).phone("+442079460009").request());
    }

    @ParameterizedTest(name = "inbound {0}, outbound {1} -> {2}")
    @CsvSource(nullValues = "-", value = {
            "true, true, success", "true, false, partial", "false, true, partial", "false, false, failed",
            "true, -, success", "false, -, failed", "-, true, success", "-, false, failed"})
    void statusFollowsTheDirectionsThatRan(Boolean inbound, Boolean outbound, SyncLeadResult.Status status) {
        assertThat(SyncLeadResult.statusOf(inbound, outbound)).isEqualTo(status);
    }

    @Test
    void inboundStoresTheZohoLeadAndASecondInboundDoesNotDuplicateIt() {
        zoho.hasLead(FakeZoho.lead("3001", "Ann", "Zoho", "ann.zoho@example.com", "+442079460101"));
        SyncLeadResult first = service.sync(new SyncLeadRequest("3001", SyncDirection.inbound, "n8n", null));
        assertThat(first.status()).isEqualTo(SyncLeadResult.Status.success);
        assertThat(first.inboundSuccess()).isTrue();
        assertThat(first.outboundSuccess()).isNull();
        assertThat(first.ohid()).isNotNull();
        StoredLead stored = store.findLead(first.ingestId()).orElseThrow();
        assertThat(stored.sourceSystem()).isEqualTo("ZOHO_CRM");
        assertThat(stored.sourceLeadId()).isEqualTo("3001");
        assertThat(stored.channel()).isEqualTo("CRM");
        StoreCounts counts = store.counts();

        SyncLeadResult second = service.sync(new SyncLeadRequest("3001", SyncDirection.inbound, "n8n", null));
        assertThat(second.ohid()).isEqualTo(first.ohid());
        assertThat(second.ingestId()).isEqualTo(first.ingestId());
        assertThat(store.counts()).isEqualTo(counts);
    }

    @Test
    void outboundUpsertsTheLocalLeadByEmailWithItsIngestIdAsReference() {
        LeadIngestResult local = localLead("dee@example.com");
        zoho.upsertAnswers("4001", "update");
        SyncLeadResult result = service.sync(new SyncLeadRequest("4001", SyncDirection.outbound, null, local.ingestId()));
        assertThat(result.status()).isEqualTo(SyncLeadResult.Status.success);
        assertThat(result.outboundAction()).isEqualTo(ZohoWriteAction.update);
        assertThat(result.ohid()).isEqualTo(local.ohid());
        server.verify(postRequestedFor(urlPathEqualTo("/crm/v8/Leads/upsert")).withRequestBody(equalToJson("{\"data\":[{"
                + "\"Last_Name\":\"Local\",\"First_Name\":\"Dee\",\"Email\":\"dee@example.com\",\"Phone\":\"+442079460009\","
                + "\"Lead_Source\":\"WEB\",\"OH_Ingest_Id\":\"" + local.ingestId() + "\"}],"
                + "\"duplicate_check_fields\":[\"Email\",\"OH_Ingest_Id\"],\"trigger\":[]}")));
    }

    @Test
    void aServerErrorOnTheOutboundSideOfABidirectionalSyncIsPartial() {
        zoho.hasLead(FakeZoho.lead("5001", "Eve", "Both", "eve@example.com", "+442079460102"));
        server.stubFor(FakeZoho.upsert().willReturn(FakeZoho.error(500, "INTERNAL_ERROR", "internal error")));
        LeadIngestResult local = localLead("eve.local@example.com");
        SyncLeadResult result = service.sync(new SyncLeadRequest("5001", SyncDirection.bidirectional, null, local.ingestId()));
        assertThat(result.status()).isEqualTo(SyncLeadResult.Status.partial);
        assertThat(result.inboundSuccess()).isTrue();
        assertThat(result.outboundSuccess()).isFalse();
        assertThat(result.errors()).containsOnlyKeys("outbound");
        assertThat(result.errors().get("outbound")).contains("Zoho server error").contains("500");
    }

    @Test
    void aMissingZohoLeadAndAMissingLocalLeadFailBothDirections() {
        zoho.hasNoLead("6001");
        UUID nobody = UUID.randomUUID();
        SyncLeadResult result = service.sync(new SyncLeadRequest("6001", SyncDirection.bidirectional, null, nobody));
        assertThat(result.status()).isEqualTo(SyncLeadResult.Status.failed);
        assertThat(result.errors().get("inbound")).contains("zoho_lead_id").contains("6001");
        assertThat(result.errors().get("outbound")).contains("property_db_lead_id").contains(nobody.toString());
    }

    @Test
    void anUpsertRefusedForInvalidDataNamesTheField() {
        server.stubFor(FakeZoho.upsert().willReturn(FakeZoho.jsonAnswer(400, Map.of("data", List.of(FakeZoho.invalidData("Email"))))));
        assertThatThrownBy(() -> service.upsert(new ZohoUpsertRequest("Smith", "x@example.com", null, null, null, null, null)))
                .isInstanceOfSatisfying(ZohoException.class, e -> assertThat(e.kind()).isEqualTo(ZohoException.Kind.REJECTED))
                .hasMessage("Zoho refused the lead: Email: invalid data (INVALID_DATA)");
    }

    @Test
    void aServerErrorOnAnUpsertWithoutAnEmailIsNotOfferedForRetry() {
        server.stubFor(FakeZoho.upsert().willReturn(FakeZoho.error(500, "INTERNAL_ERROR", "internal error")));

        assertThatThrownBy(() -> service.upsert(new ZohoUpsertRequest("NoEmail", null, null, null, null, null, null)))
                .isExactlyInstanceOf(ZohoException.class)
                .hasMessageContaining("not retried: the lead has no Email to match it by");
        assertThatThrownBy(() -> service.upsert(new ZohoUpsertRequest("Smith", "s@example.com", null, null, null, null, null)))
                .isInstanceOf(ZohoRetryableException.class);
    }

    @Test
    void upsertPutsTheSourceAttributionIntoDescription() {
        zoho.upsertAnswers("7001", "insert");
        ZohoUpsertResult result = service.upsert(new ZohoUpsertRequest("Smith", "s@example.com", "+1 555 0100", "Sam", "Acme",
                "Web", "utm_source=google"));
        assertThat(result).isEqualTo(new ZohoUpsertResult(true, "7001", ZohoWriteAction.insert));
        server.verify(postRequestedFor(urlPathEqualTo("/crm/v8/Leads/upsert")).withRequestBody(equalToJson("{\"data\":[{"
                + "\"Last_Name\":\"Smith\",\"First_Name\":\"Sam\",\"Email\":\"s@example.com\",\"Phone\":\"+1 555 0100\","
                + "\"Company\":\"Acme\",\"Lead_Source\":\"Web\",\"Description\":\"utm_source=google\"}],"
                + "\"duplicate_check_fields\":[\"Email\"],\"trigger\":[]}")));
    }

    @Test
    void getAnswersFoundOrNotFound() {
        zoho.hasLead(FakeZoho.lead("8001", "Gil", "Get", "gil@example.com", "+442079460103"));
        zoho.hasNoLead("8002");
        assertThat(service.getLead(new ZohoLeadRequest("8001")).found()).isTrue();
        assertThat(service.getLead(new ZohoLeadRequest("8002")))
                .isEqualTo(new ZohoLeadResult(false, null, "Zoho has no lead with id 8002"));
    }

    @Test
    void withoutCredentialsEveryOperationIsNotConfiguredAndZohoIsNeverCalled() {
        ZohoSyncService unconfigured = service(zoho.config(
                Map.of("ZOHO_CLIENT_ID", "", "ZOHO_CLIENT_SECRET", "", "ZOHO_REFRESH_TOKEN", "")));
        assertThatThrownBy(() -> unconfigured.getLead(new ZohoLeadRequest("1")))
                .isInstanceOfSatisfying(ZohoException.class, e -> assertThat(e.errorType()).isEqualTo("not_configured"));
        assertThatThrownBy(() -> unconfigured.sync(new SyncLeadRequest("1", SyncDirection.inbound, null, null)))
                .isInstanceOfSatisfying(ZohoException.class, e -> assertThat(e.errorType()).isEqualTo("not_configured"));
        assertThat(unconfigured.status().authMode()).isEqualTo("not_configured");
        assertThat(unconfigured.status().configured()).isFalse();
        assertThat(server.getAllServeEvents()).isEmpty();
    }

    @Test
    void theStatusShowsTheExpiryButNeverTheToken() {
        zoho.hasLead(FakeZoho.lead("9001", "Hal", "Status", "hal@example.com", "+442079460104"));
        service.getLead(new ZohoLeadRequest("9001"));
        ZohoStatusReport status = service.status();
        assertThat(status.authMode()).isEqualTo("oauth2_refresh");
        assertThat(status.apiBase()).isEqualTo(zoho.apiBase());
        assertThat(status.directions()).containsExactly("inbound", "outbound", "bidirectional");
        assertThat(status.tokenExpiresAt()).isNotNull();
        assertThat(status.lastObservedCircuitState()).isEqualTo("closed");
        assertThat(status.toString()).doesNotContain(FakeZoho.ACCESS_TOKEN);
    }

    @Test
    void theCircuitStateIsOnlyWhatTheLastCallObservedWithItsTime() {
        assertThat(service.status().lastObservedCircuitState()).isEqualTo("not_observed");
        assertThat(service.status().circuitStateObservedAt()).isNull();

        zoho.hasLead(FakeZoho.lead("9101", "Ivy", "Seen", "ivy@example.com", "+442079460105"));
        Instant before = Instant.now();
        service.getLead(new ZohoLeadRequest("9101"));
        assertThat(service.status().lastObservedCircuitState()).isEqualTo("closed");
        assertThat(Instant.parse(service.status().circuitStateObservedAt())).isAfterOrEqualTo(before.minusSeconds(1));

        // a failure that counts toward opening the breaker may have opened it: the report does not claim "closed"
        server.stubFor(FakeZoho.getLead("9102").willReturn(FakeZoho.error(500, "INTERNAL_ERROR", "internal error")));
        assertThatThrownBy(() -> service.getLead(new ZohoLeadRequest("9102"))).isInstanceOf(ZohoRetryableException.class);
        assertThat(service.status().lastObservedCircuitState()).isEqualTo("unknown");

        // a refusal is an answer, not a breaker failure: the call passed a breaker that is not open
        server.stubFor(FakeZoho.getLead("9103").willReturn(FakeZoho.error(400, "INVALID_DATA", "invalid data")));
        assertThatThrownBy(() -> service.getLead(new ZohoLeadRequest("9103"))).isInstanceOf(ZohoException.class);
        assertThat(service.status().lastObservedCircuitState()).isEqualTo("closed");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theStatusJsonNamesTheCircuitStateAsAnObservation() {
        Map<String, Object> before = WireJson.MAPPER.convertValue(service.status(), Map.class);
        assertThat(before).containsEntry("last_observed_circuit_state", "not_observed")
                .doesNotContainKeys("circuit_state", "circuit_state_observed_at");
        zoho.hasLead(FakeZoho.lead("9201", "Jo", "Json", "jo@example.com", "+442079460106"));
        service.getLead(new ZohoLeadRequest("9201"));
        Map<String, Object> after = WireJson.MAPPER.convertValue(service.status(), Map.class);
        assertThat(after).containsEntry("last_observed_circuit_state", "closed").containsKey("circuit_state_observed_at")
                .doesNotContainKey("circuit_state");
        assertThat(service.status().lastObservedCircuitState()).as("what the readiness check reports").isEqualTo("closed");
    }

    @Test
    void outboundAndBidirectionalNeedThePropertyDbLeadId() {
        Validator validator = Validation.buildDefaultValidatorFactory().getValidator();
        assertThat(validator.validate(new SyncLeadRequest("1", SyncDirection.inbound, null, null))).isEmpty();
        assertThat(validator.validate(new SyncLeadRequest("1", SyncDirection.outbound, null, null)))
                .singleElement().satisfies(v -> assertThat(v.getMessage()).contains("property_db_lead_id"));
        assertThat(validator.validate(new SyncLeadRequest("1", SyncDirection.bidirectional, null, null))).hasSize(1);
        assertThat(validator.validate(new SyncLeadRequest("12/../x", SyncDirection.inbound, null, null)))
                .singleElement().satisfies(v -> assertThat(v.getMessage()).contains("digits"));
    }
}
