package com.opulenthorizons.gateway.meta;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.opulenthorizons.gateway.common.WireJson;
import com.opulenthorizons.gateway.lead.Channel;
import com.opulenthorizons.gateway.lead.LeadIngestRequest;
import com.opulenthorizons.gateway.lead.SourceSystem;
import com.opulenthorizons.gateway.testing.GraphLeads;

class MetaLeadMapperTest {

    private final MetaLeadMapper defaults = new MetaLeadMapper(new MetaConfig(key -> Optional.empty()));

    @SuppressWarnings("unchecked")
    private static Map<String, Object> graphLead(String json) {
        return WireJson.PLAIN.readValue(json, Map.class);
    }

    @Test
    void standardQuestionsMapOntoTheLeadAndCustomQuestionsAreKept() {
        Map<String, Object> graph = graphLead(GraphLeads.lead("lg-1", GraphLeads.typicalAnswers("ada@example.com")));
        LeadIngestRequest lead = defaults.map("lg-1", graph);

        assertThat(lead.sourceSystem()).isEqualTo(SourceSystem.META);
        assertThat(lead.channel()).isEqualTo(Channel.META_LEAD_AD);
        assertThat(lead.sourceLeadId()).isEqualTo("lg-1");
        assertThat(lead.firstName()).isEqualTo("Ada");
        assertThat(lead.lastName()).isEqualTo("Lovelace");
        assertThat(lead.email()).isEqualTo("ada@example.com");
        assertThat(lead.phone()).isEqualTo("+442079460123");
        assertThat(lead.budgetRange()).isEqualTo("500k-750k");
        assertThat(lead.freeText()).isEqualTo("when_are_you_looking_to_buy?: within_3_months");
        assertThat(lead.marketingConsent()).isTrue();
        assertThat(lead.consentSource()).isEqualTo("Meta lead form 1234567890123 (marketing_consent)");
        assertThat(lead.rawPayload()).isSameAs(graph);
    }

    @Test
    void separateNamesWinAndASingleWordNameGetsThePlaceholderFamilyName() {
        assertThat(defaults.map("x", graphLead(GraphLeads.lead("x", Map.of("first_name", "Grace", "last_name", "Hopper",
                "full_name", "Someone Else")))).lastName()).isEqualTo("Hopper");
        assertThat(defaults.map("x", graphLead(GraphLeads.lead("x", Map.of("full_name", "Cher")))))
                .extracting(LeadIngestRequest::firstName, LeadIngestRequest::lastName).containsExactly("Cher", "-");
    }

    @Test
    void noConsentAnswerOrANoMeansNoConsent() {
        assertThat(defaults.map("x", graphLead(GraphLeads.lead("x", Map.of("full_name", "A B")))).marketingConsent()).isFalse();
        assertThat(defaults.map("x", graphLead(GraphLeads.lead("x", Map.of("full_name", "A B", "consent", "No"))))
                .marketingConsent()).isFalse();
    }

    @Test
    void aCheckedCustomDisclaimerConfiguredAsConsentIsConsent() {
        MetaLeadMapper mapper = new MetaLeadMapper(new MetaConfig(key -> key.equals("META_CONSENT_FIELDS")
                ? Optional.of("newsletter_optin") : Optional.empty()));
        Map<String, Object> graph = new LinkedHashMap<>(graphLead(GraphLeads.lead("x", Map.of("full_name", "A B"))));
        graph.put("custom_disclaimer_responses", List.of(Map.of("checkbox_key", "newsletter_optin", "is_checked", "1")));
        LeadIngestRequest lead = mapper.map("x", graph);
        assertThat(lead.marketingConsent()).isTrue();
        assertThat(lead.consentSource()).contains("newsletter_optin");
    }
}
