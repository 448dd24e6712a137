package com.opulenthorizons.gateway.health;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import com.opulenthorizons.gateway.lead.Channel;
import com.opulenthorizons.gateway.lead.SourceSystem;
import com.opulenthorizons.gateway.meta.InboxCounts;
import com.opulenthorizons.gateway.meta.MetaLeadService;
import com.opulenthorizons.gateway.store.DeliveryBacklog;
import com.opulenthorizons.gateway.store.DeliveryCounts;
import com.opulenthorizons.gateway.store.LeadStore;
import com.opulenthorizons.gateway.store.StoreCounts;
import com.opulenthorizons.gateway.store.StoreHealth;
import com.opulenthorizons.gateway.webhook.DeliveryConfig;
import com.opulenthorizons.gateway.webhook.DeliveryPause;
import com.opulenthorizons.gateway.webhook.OutboxDeliveryScheduler;
import com.opulenthorizons.gateway.webform.WebFormConfig;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** What status://pipeline and the readiness check report. */
@ApplicationScoped
public class PipelineStatus {

    /** Delivery runs at full speed, or is paused for a dead receiver (this replica's view). */
    public static final String DELIVERY_RUNNING = "running";
    public static final String DELIVERY_PAUSED = "paused";

    /**
     * The report; serialised with snake_case names.
     *
     * @param deliveryState {@value #DELIVERY_RUNNING} or {@value #DELIVERY_PAUSED}
     * @param deliveryPause since when and why delivery is paused; null while it runs
     * @param metaLeadAds the Meta lead ads receiver: configured or not, its inbox by state, the newest failures
     * @param webForm the website form's abuse controls
     */
    public record Report(
            List<String> sources,
            List<String> channels,
            String store,
            boolean storeReachable,
            String storeDetail,
            boolean workflowWebhookConfigured,
            Long leads,
            Long events,
            DeliveryCounts delivery,
            String deliveryState,
            DeliveryPause.Paused deliveryPause,
            MetaLeadService.Report metaLeadAds,
            WebFormConfig.Report webForm) {
    }

    private LeadStore store;
    private DeliveryConfig delivery;
    private OutboxDeliveryScheduler deliveryScheduler;
    private MetaLeadService metaLeads;
    private WebFormConfig webForm;

    protected PipelineStatus() {
        // for CDI proxies
    }

    @Inject
    public PipelineStatus(LeadStore store, DeliveryConfig delivery, OutboxDeliveryScheduler deliveryScheduler,
            MetaLeadService metaLeads, WebFormConfig webForm) {
        this.store = store;
        this.delivery = delivery;
        this.deliveryScheduler = deliveryScheduler;
        this.metaLeads = metaLeads;
        this.webForm = webForm;
    }

    public Report report() {
        StoreHealth health = store.health();
        StoreCounts counts = health.reachable() ? store.counts() : null;
        DeliveryCounts delivery = health.reachable() ? store.deliveryCounts() : null;
        DeliveryPause.Paused pause = deliveryPause().orElse(null);
        return new Report(
                Arrays.stream(SourceSystem.values()).map(Enum::name).toList(),
                Arrays.stream(Channel.values()).map(Enum::name).toList(),
                health.type().wireName(),
                health.reachable(),
                health.detail(),
                workflowWebhookConfigured(),
                counts == null ? null : counts.leads(),
                counts == null ? null : counts.events(),
                delivery,
                pause == null ? DELIVERY_RUNNING : DELIVERY_PAUSED,
                pause,
                metaLeads.report(health.reachable()),
                webForm.report());
    }

    /** The pause for a dead receiver, on this replica; empty while delivery runs. */
    public Optional<DeliveryPause.Paused> deliveryPause() {
        return deliveryScheduler.pause();
    }

    public StoreHealth storeHealth() {
        return store.health();
    }

    public DeliveryBacklog deliveryBacklog() {
        return store.deliveryBacklog();
    }

    public boolean metaLeadAdsConfigured() {
        return metaLeads.configured();
    }

    /** Meta leads waiting to be fetched and failed for good. */
    public InboxCounts metaLeadCounts() {
        return metaLeads.counts();
    }

    public WebFormConfig.Report webForm() {
        return webForm.report();
    }

    public boolean workflowWebhookConfigured() {
        return delivery.webhookUrl().isPresent();
    }
}
