package com.opulenthorizons.gateway.meta;

import java.time.Clock;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

import com.opulenthorizons.gateway.lead.LeadIngestService;
import com.opulenthorizons.gateway.store.LeadStore;
import com.opulenthorizons.gateway.store.StorePoll;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import jakarta.validation.Validator;

/**
 * Runs the {@link MetaLeadFetcher} on Liberty's managed scheduled executor every
 * META_FETCH_POLL_INTERVAL_MS, on every replica (the inbox's leases keep them apart), once
 * META_APP_SECRET is set: without it no notification is accepted, so there is nothing to fetch.
 */
@ApplicationScoped
public class MetaLeadFetchScheduler {

    private static final Logger LOG = Logger.getLogger(MetaLeadFetchScheduler.class.getName());

    @Resource
    ManagedScheduledExecutorService scheduler;
    @Inject
    MetaConfig config;
    @Inject
    MetaLeadInbox inbox;
    @Inject
    MetaGraphClient graph;
    @Inject
    LeadIngestService leads;
    @Inject
    LeadStore store;
    @Inject
    Validator validator;

    private ScheduledFuture<?> task;
    private volatile boolean running;

    void start(@Observes Startup startup) {
        if (config.appSecret().isEmpty()) {
            LOG.info("META_APP_SECRET is not set: the Meta lead ads webhook refuses notifications, and no leads are fetched");
            return;
        }
        if (config.pageAccessToken().isEmpty()) {
            LOG.warning("META_PAGE_ACCESS_TOKEN is not set: Meta lead notifications are stored, but their leads cannot be "
                    + "fetched until it is");
        }
        MetaLeadFetcher fetcher = new MetaLeadFetcher(inbox, graph::lead, new MetaLeadMapper(config), leads, store, validator,
                config.fetchRetry(), Clock.systemUTC());
        long interval = config.pollInterval().toMillis();
        task = scheduler.scheduleWithFixedDelay(new StorePoll("Meta lead fetch poll", fetcher::fetchDue, LOG), interval, interval, TimeUnit.MILLISECONDS);
        running = true;
        LOG.info("Fetching Meta leads from " + config.graphBase() + "/" + config.graphVersion() + " (" + config.fetchRetry() + ")");
    }

    /** Whether this replica fetches Meta leads. */
    public boolean running() {
        return running;
    }

    @PreDestroy
    void stop() {
        if (task != null) {
            task.cancel(false);
        }
    }
}
