package it.com.opulenthorizons.gateway.zoho;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.opulenthorizons.gateway.testing.ShippedBlocklist;
import com.opulenthorizons.gateway.lead.ContactNormalizer;
import com.opulenthorizons.gateway.lead.LeadIngestService;
import com.opulenthorizons.gateway.lead.OhidResolver;
import com.opulenthorizons.gateway.store.InMemoryLeadStore;
import com.opulenthorizons.gateway.zoho.SyncDirection;
import com.opulenthorizons.gateway.zoho.SyncLeadRequest;
import com.opulenthorizons.gateway.zoho.SyncLeadResult;
import com.opulenthorizons.gateway.zoho.SyncLeadResult;
import com.opulenthorizons.gateway.zoho.ZohoClient;
import com.opulenthorizons.gateway.zoho.ZohoConfig;
import com.opulenthorizons.gateway.zoho.ZohoLeadRequest;
import com.opulenthorizons.gateway.zoho.ZohoLeadResult;
import com.opulenthorizons.gateway.zoho.ZohoSyncService;
import com.opulenthorizons.gateway.zoho.ZohoTokenManager;
import com.opulenthorizons.gateway.zoho.ZohoUpsertRequest;
import com.opulenthorizons.gateway.zoho.ZohoUpsertResult;

/**
 * Against the real Zoho CRM, only when this JVM's environment has Zoho credentials
 * (ZOHO_CLIENT_ID, ZOHO_CLIENT_SECRET and ZOHO_REFRESH_TOKEN, or ZOHO_ACCESS_TOKEN; ZOHO_API_BASE
 * and ZOHO_TOKEN_URL for a data centre other than US). Otherwise every test is reported as
 * skipped. Upserts one lead named "Gateway Live Test" with a unique example.com email, reads
 * it back and syncs it inbound into an in-memory store; the lead stays in Zoho.
 */
class ZohoLiveIT {

    private ZohoSyncService service;

    /** Per test, so that each test is reported as skipped (with this reason) when there are no credentials. */
    @BeforeEach
    void configured() {
        ZohoConfig config = new ZohoConfig(key -> Optional.ofNullable(System.getenv(key)));
        assumeTrue(config.authMode() != ZohoConfig.AuthMode.NOT_CONFIGURED,
                "live Zoho test skipped: set ZOHO_CLIENT_ID, ZOHO_CLIENT_SECRET and ZOHO_REFRESH_TOKEN (or ZOHO_ACCESS_TOKEN) to run it");
        ZohoTokenManager tokens = new ZohoTokenManager(config);
        InMemoryLeadStore store = new InMemoryLeadStore();
        service = new ZohoSyncService(new ZohoClient(config, tokens), config, tokens,
                new LeadIngestService(store, new ContactNormalizer("US"), ShippedBlocklist.with(new ContactNormalizer("US")), new OhidResolver()), store);
    }

    @Test
    void upsertThenGetThenInboundSync() {
        String email = "gateway.live." + UUID.randomUUID() + "@example.com";
        ZohoUpsertResult upserted = service.upsert(new ZohoUpsertRequest("Gateway Live Test", email, null, "Live", null,
                null, "ZohoLiveIT"));
        assertThat(upserted.success()).isTrue();
        assertThat(upserted.action()).isEqualTo("insert");

        ZohoLeadResult read = service.getLead(new ZohoLeadRequest(upserted.zohoLeadId()));
        assertThat(read.found()).isTrue();
        assertThat(read.lead()).containsEntry("Email", email);

        SyncLeadResult first = service.sync(new SyncLeadRequest(upserted.zohoLeadId(), SyncDirection.inbound, "ZohoLiveIT", null));
        assertThat(first.status()).as(String.valueOf(first.errors())).isEqualTo(SyncLeadResult.Status.success);
        SyncLeadResult second = service.sync(new SyncLeadRequest(upserted.zohoLeadId(), SyncDirection.inbound, "ZohoLiveIT", null));
        assertThat(second.ingestId()).isEqualTo(first.ingestId());
    }
}
