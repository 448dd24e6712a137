package it.com.opulenthorizons.gateway.meta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.opulenthorizons.gateway.common.WireJson;
import com.opulenthorizons.gateway.lead.Channel;
import com.opulenthorizons.gateway.lead.LeadIngestRequest;
import com.opulenthorizons.gateway.meta.MetaConfig;
import com.opulenthorizons.gateway.meta.MetaGraphClient;
import com.opulenthorizons.gateway.meta.MetaLeadMapper;

import jakarta.validation.Validation;

/**
 * Against Meta's real Graph API, only when this JVM's environment has META_PAGE_ACCESS_TOKEN (a
 * page token with leads_retrieval) and META_TEST_LEADGEN_ID (a lead made with Meta's Lead Ads
 * Testing tool); META_APP_SECRET, META_GRAPH_BASE and META_GRAPH_VERSION are used when set.
 * Otherwise the test is reported as skipped. Fetches the lead and maps it into a valid lead to
 * ingest; nothing is written anywhere.
 */
class MetaLiveIT {

    private MetaConfig config;
    private String leadgenId;

    /** Per test, so that each test is reported as skipped (with this reason) when there are no credentials. */
    @BeforeEach
    void configured() {
        config = new MetaConfig(key -> Optional.ofNullable(System.getenv(key)));
        leadgenId = System.getenv("META_TEST_LEADGEN_ID");
        assumeTrue(config.pageAccessToken().isPresent() && leadgenId != null && !leadgenId.isBlank(),
                "live Meta test skipped: set META_PAGE_ACCESS_TOKEN and META_TEST_LEADGEN_ID (a test lead) to run it");
    }

    @Test
    void aTestLeadIsFetchedAndMapsOntoAValidLead() {
        String json = new MetaGraphClient(config).lead(leadgenId);
        @SuppressWarnings("unchecked")
        Map<String, Object> graphLead = WireJson.PLAIN.readValue(json, Map.class);
        assertThat(graphLead).containsEntry("id", leadgenId).containsKey("field_data");

        LeadIngestRequest lead = new MetaLeadMapper(config).map(leadgenId, graphLead);
        assertThat(lead.channel()).isEqualTo(Channel.META_LEAD_AD);
        assertThat(Validation.buildDefaultValidatorFactory().getValidator().validate(lead)).isEmpty();
    }
}
