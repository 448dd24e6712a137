package com.opulenthorizons.gateway.meta;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.logging.Logger;
import java.util.stream.Collectors;

import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;

import com.opulenthorizons.gateway.common.Correlation;
import com.opulenthorizons.gateway.common.InvalidArgumentException;
import com.opulenthorizons.gateway.common.LogSafeText;
import com.opulenthorizons.gateway.common.Origin;
import com.opulenthorizons.gateway.common.WireJson;
import com.opulenthorizons.gateway.lead.LeadIngestRequest;
import com.opulenthorizons.gateway.lead.LeadIngestResult;
import com.opulenthorizons.gateway.lead.LeadIngestService;
import com.opulenthorizons.gateway.lead.SourceSystem;
import com.opulenthorizons.gateway.meta.graph.GraphException;
import com.opulenthorizons.gateway.store.LeadStore;
import com.opulenthorizons.gateway.store.NewWorkflowEvent;
import com.opulenthorizons.gateway.store.WorkflowEventType;
import com.opulenthorizons.gateway.webhook.RetryPolicy;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.ws.rs.ProcessingException;
import tools.jackson.core.JacksonException;

/**
 * Works off the {@link MetaLeadInbox}: fetches each due lead from the Graph API, maps it and
 * ingests it (idempotent by leadgen id, so a lead fetched twice is stored once). A throttled or
 * failing Graph API is tried again after the backoff schedule; a permission error, a lead Graph
 * does not have, or a lead that cannot be stored fails at once. A lead that fails for good is
 * FAILED in the inbox and a {@code MetaLeadFetchFailed} workflow event says so (list_events shows
 * it, and the workflow hears of it); {@code replay_meta_leads} puts it back.
 */
public class MetaLeadFetcher {

    private static final Logger LOG = Logger.getLogger(MetaLeadFetcher.class.getName());
    /**
     * Leads claimed at once, and how long the claim holds: a lead is fetched in at most about 35 s
     * (three Graph calls under their time limit and the circuit breaker), so a batch is done well
     * within its lease, and no other replica fetches a lead this one still works on.
     */
    static final int BATCH = 5;
    static final Duration LEASE = Duration.ofMinutes(5);

    private final MetaLeadInbox inbox;
    private final Function<String, String> graph;
    private final MetaLeadMapper mapper;
    private final LeadIngestService leads;
    private final LeadStore store;
    private final Validator validator;
    private final RetryPolicy retry;
    private final Clock clock;

    /** @param graph the Graph API's answer (JSON text) for a leadgen id */
    public MetaLeadFetcher(MetaLeadInbox inbox, Function<String, String> graph, MetaLeadMapper mapper, LeadIngestService leads,
            LeadStore store, Validator validator, RetryPolicy retry, Clock clock) {
        this.inbox = inbox;
        this.graph = graph;
        this.mapper = mapper;
        this.leads = leads;
        this.store = store;
        this.validator = validator;
        this.retry = retry;
        this.clock = clock;
    }

    /** Fetches the due leads, one batch; answers how many were claimed. */
    public int fetchDue() {
        List<InboxLead> due = inbox.claimDue(BATCH, LEASE);
        for (InboxLead lead : due) {
            String correlationId = lead.correlationId() == null ? Correlation.newId() : lead.correlationId();
            try (Correlation.Scope scope = Correlation.open(correlationId);
                    Correlation.Scope origin = Origin.open(new Origin(Origin.Via.WEBHOOK, "meta"))) {
                fetch(lead, correlationId);
            }
        }
        return due.size();
    }

    private void fetch(InboxLead lead, String correlationId) {
        int attempts = lead.attempts() + 1;
        Map<String, Object> graphLead;
        try {
            graphLead = parse(graph.apply(lead.leadgenId()));
        } catch (GraphException e) {
            settleFailure(lead, attempts, e.getMessage(), e.kind().retryable(), correlationId, e.regainAccessIn().orElse(Duration.ZERO));
            return;
        } catch (FaultToleranceException | ProcessingException e) {
            // Timeout, open circuit, broken connection: Graph may answer later.
            settleFailure(lead, attempts, "Graph API unreachable: " + LogSafeText.rootMessage(e), true, correlationId, Duration.ZERO);
            return;
        } catch (IllegalStateException e) {
            // A setting is missing (META_PAGE_ACCESS_TOKEN): the lead waits for it, then fails for good.
            settleFailure(lead, attempts, e.getMessage(), true, correlationId, Duration.ZERO);
            return;
        }
        Optional<String> unusable = Optional.empty();
        LeadIngestResult result = null;
        try {
            LeadIngestRequest request = mapper.map(lead.leadgenId(), graphLead);
            Set<ConstraintViolation<LeadIngestRequest>> violations = validator.validate(request);
            if (violations.isEmpty()) {
                result = leads.ingest(request);
            } else {
                unusable = Optional.of(violations.stream()
                        .map(v -> WireJson.wireName(v.getPropertyPath().toString()) + ": " + v.getMessage())
                        .sorted().collect(Collectors.joining("; ")));
            }
        } catch (InvalidArgumentException e) {
            unusable = Optional.of(e.getMessage());
        }
        if (result == null) {
            settleFailure(lead, attempts, "the lead cannot be stored: " + unusable.orElse("unknown reason"), false, correlationId,
                    Duration.ZERO);
            return;
        }
        inbox.markIngested(lead.leadgenId(), lead.leaseToken(), result.ingestId());
        LOG.info("correlation_id=" + correlationId + " meta lead " + lead.leadgenId() + " ingested as " + result.ingestId());
    }

    /** @param notBefore no attempt before this long from now: when Graph said it throttles us for longer than the schedule waits */
    private void settleFailure(InboxLead lead, int attempts, String error, boolean retryable, String correlationId, Duration notBefore) {
        Instant now = clock.instant();
        Optional<Instant> next = retryable ? retry.nextAttempt(attempts, lead.retryFrom(), now, ThreadLocalRandom.current().nextDouble())
                .map(at -> at.isBefore(now.plus(notBefore)) ? now.plus(notBefore) : at) : Optional.empty();
        if (next.isPresent()) {
            inbox.markRetry(lead.leadgenId(), lead.leaseToken(), attempts, next.get(), error);
            LOG.info("correlation_id=" + correlationId + " meta lead " + lead.leadgenId() + " attempt " + attempts
                    + " failed, next at " + next.get() + ": " + error);
            return;
        }
        // The event first: should marking the row fail, the row is claimed again and the event's dedup key keeps it single.
        store.append(new NewWorkflowEvent(UUID.randomUUID(), null, WorkflowEventType.MetaLeadFetchFailed.name(),
                failurePayload(lead, attempts, error), SourceSystem.META.name(),
                "meta-lead-fetch-failed:" + lead.leadgenId() + ":" + (lead.failures() + 1), correlationId));
        inbox.markFailed(lead.leadgenId(), lead.leaseToken(), attempts, error);
        LOG.warning("correlation_id=" + correlationId + " meta lead " + lead.leadgenId() + " FAILED after " + attempts
                + " attempt(s): " + error);
    }

    private static Map<String, Object> failurePayload(InboxLead lead, int attempts, String error) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("leadgen_id", lead.leadgenId());
        WireJson.putIfPresent(payload, "form_id", lead.formId());
        WireJson.putIfPresent(payload, "page_id", lead.pageId());
        WireJson.putIfPresent(payload, "ad_id", lead.adId());
        payload.put("attempts", attempts);
        payload.put("error", error);
        Origin.addTo(payload);
        return payload;
    }

    private static Map<String, Object> parse(String json) {
        try {
            if (WireJson.PLAIN.readValue(json, Object.class) instanceof Map<?, ?> map) {
                @SuppressWarnings("unchecked")
                Map<String, Object> lead = (Map<String, Object>) map;
                return lead;
            }
        } catch (JacksonException e) {
            // falls through: Graph answered something that is not a lead
        }
        throw new GraphException(GraphException.Kind.REJECTED, 200, null, "Graph API answered something that is not a lead object");
    }
}
