package com.opulenthorizons.gateway.meta;

import java.util.List;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** What operators and agents see of the Meta receiver, and the replay of leads whose fetch failed. */
@ApplicationScoped
public class MetaLeadService {

    private static final Logger LOG = Logger.getLogger(MetaLeadService.class.getName());
    static final int FAILED_SHOWN = 10;

    /**
     * The receiver in status://pipeline; serialised with snake_case names.
     *
     * @param configured notifications are accepted and leads fetched (META_APP_SECRET and META_PAGE_ACCESS_TOKEN set)
     * @param leads the inbox by state; null while the store cannot be read
     * @param recentFailures the newest FAILED leads, with their errors
     */
    public record Report(boolean configured, boolean verifyTokenSet, InboxCounts leads, List<FailedMetaLead> recentFailures) {
    }

    private MetaLeadInbox inbox;
    private MetaConfig config;

    protected MetaLeadService() {
        // for CDI proxies
    }

    @Inject
    public MetaLeadService(MetaLeadInbox inbox, MetaConfig config) {
        this.inbox = inbox;
        this.config = config;
    }

    public ReplayMetaLeadsResult replay(ReplayMetaLeadsRequest request) {
        int replayed = request.all() ? inbox.replayAllFailed() : inbox.replay(request.leadgenIds());
        LOG.info("replayed " + replayed + " FAILED Meta lead(s)" + (request.all() ? "" : " of " + request.leadgenIds().size() + " given"));
        return new ReplayMetaLeadsResult(replayed);
    }

    public boolean configured() {
        return config.configured();
    }

    public InboxCounts counts() {
        return inbox.counts();
    }

    /** @param storeReachable whether the inbox can be read now */
    public Report report(boolean storeReachable) {
        return new Report(config.configured(), config.verifyToken().isPresent(),
                storeReachable ? inbox.counts() : null,
                storeReachable ? inbox.failed(FAILED_SHOWN) : null);
    }
}
