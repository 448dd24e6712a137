package com.opulenthorizons.gateway.health;

import java.util.Arrays;
import java.util.List;

import com.opulenthorizons.gateway.lead.Channel;
import com.opulenthorizons.gateway.lead.SourceSystem;
import com.opulenthorizons.gateway.store.DeliveryBacklog;
import com.opulenthorizons.gateway.store.DeliveryCounts;
import com.opulenthorizons.gateway.store.LeadStore;
import com.opulenthorizons.gateway.store.StoreCounts;
import com.opulenthorizons.gateway.store.StoreHealth;
import com.opulenthorizons.gateway.webhook.DeliveryConfig;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** What status://pipeline and the readiness check report. */
@ApplicationScoped
public class PipelineStatus {

    /** The report; serialised with snake_case names. */
    public record Report(
            List<String> sources,
            List<String> channels,
            String store,
            boolean storeReachable,
            String storeDetail,
            boolean workflowWebhookConfigured,
            Long leads,
            Long events,
            DeliveryCounts delivery) {
    }

    private LeadStore store;
    private DeliveryConfig delivery;

    protected PipelineStatus() {
        // for CDI proxies
    }

    @Inject
    public PipelineStatus(LeadStore store, DeliveryConfig delivery) {
        this.store = store;
        this.delivery = delivery;
    }

    public Report report() {
        StoreHealth health = store.health();
        StoreCounts counts = health.reachable() ? store.counts() : null;
        DeliveryCounts delivery = health.reachable() ? store.deliveryCounts() : null;
        return new Report(
                Arrays.stream(SourceSystem.values()).map(Enum::name).toList(),
                Arrays.stream(Channel.values()).map(Enum::name).toList(),
                health.type().wireName(),
                health.reachable(),
                health.detail(),
                workflowWebhookConfigured(),
                counts == null ? null : counts.leads(),
                counts == null ? null : counts.events(),
                delivery);
    }

    public StoreHealth storeHealth() {
        return store.health();
    }

    public DeliveryBacklog deliveryBacklog() {
        return store.deliveryBacklog();
    }

    public boolean workflowWebhookConfigured() {
        return delivery.webhookUrl().isPresent();
    }
}
