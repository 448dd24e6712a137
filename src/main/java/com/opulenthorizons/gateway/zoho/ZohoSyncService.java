package com.opulenthorizons.gateway.zoho;

import java.net.ConnectException;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.logging.Logger;

import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

import com.opulenthorizons.gateway.common.Correlation;
import com.opulenthorizons.gateway.common.GatewayFailure;
import com.opulenthorizons.gateway.common.LogSafeText;
import com.opulenthorizons.gateway.common.Origin;
import com.opulenthorizons.gateway.lead.LeadIngestResult;
import com.opulenthorizons.gateway.lead.LeadIngestService;
import com.opulenthorizons.gateway.store.LeadNotFoundException;
import com.opulenthorizons.gateway.store.LeadSource;
import com.opulenthorizons.gateway.store.StoredLead;
import com.opulenthorizons.gateway.zoho.client.ZohoException;
import com.opulenthorizons.gateway.zoho.client.ZohoLeads;
import com.opulenthorizons.gateway.zoho.client.ZohoRetryableException;
import com.opulenthorizons.gateway.zoho.client.ZohoTimeoutException;
import com.opulenthorizons.gateway.zoho.client.ZohoUpsertOutcome;
import com.opulenthorizons.gateway.telemetry.GatewayMetrics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Reads, upserts and synchronises leads between Zoho CRM and the gateway. Knows nothing of MCP.
 * Every Zoho call goes through {@link ZohoClient} (timeout, retries, circuit breaker, bulkhead);
 * its fault-tolerance outcomes become {@link ZohoException}s with messages a caller can act on.
 */
@ApplicationScoped
public class ZohoSyncService {

    private static final Logger LOG = Logger.getLogger(ZohoSyncService.class.getName());
    static final List<String> DUPLICATE_CHECK = List.of("Email");

    private ZohoClient client;
    private ZohoConfig config;
    private ZohoTokenManager tokens;
    private LeadIngestService leads;
    private LeadSource localLeads;

    /** The circuit breaker as the last call observed it: MicroProfile Fault Tolerance offers no query for it. */
    private record CircuitObservation(String state, Instant at) {
    }

    static final String CLOSED = "closed";
    static final String OPEN = "open";
    static final String UNKNOWN = "unknown";
    static final String NOT_OBSERVED = "not_observed";

    private volatile CircuitObservation circuit;

    protected ZohoSyncService() {
        // for CDI proxies
    }

    @Inject
    public ZohoSyncService(ZohoClient client, ZohoConfig config, ZohoTokenManager tokens, LeadIngestService leads,
            LeadSource localLeads) {
        this.client = client;
        this.config = config;
        this.tokens = tokens;
        this.leads = leads;
        this.localLeads = localLeads;
    }

    public ZohoLeadResult getLead(ZohoLeadRequest request) {
        return zoho(z -> z.get(request.leadId()))
                .map(ZohoLeadResult::found)
                .orElseGet(() -> ZohoLeadResult.notFound(request.leadId()));
    }

    public ZohoUpsertResult upsert(ZohoUpsertRequest request) {
        ZohoUpsertOutcome outcome = upsertOne(ZohoLeadMapper.toZoho(request), DUPLICATE_CHECK);
        return new ZohoUpsertResult(true, outcome.id(), ZohoWriteAction.of(outcome.action()));
    }

    /** Inbound, outbound or both, in that order; a failed direction is reported, not thrown. */
    public SyncLeadResult sync(SyncLeadRequest request) {
        requireConfigured();
        long started = System.nanoTime();
        Map<String, String> errors = new LinkedHashMap<>();
        Boolean inboundOk = null;
        Boolean outboundOk = null;
        UUID ohid = null;
        UUID ingestId = null;
        ZohoWriteAction outboundAction = null;

        if (request.syncDirection().includesInbound()) {
            try {
                LeadIngestResult ingested = inbound(request.zohoLeadId(), request.source());
                ohid = ingested.ohid();
                ingestId = ingested.ingestId();
                inboundOk = true;
            } catch (GatewayFailure e) {
                errors.put("inbound", e.getMessage());
                inboundOk = false;
            }
        }
        if (request.syncDirection().includesOutbound()) {
            try {
                StoredLead local = localLeads.findLead(request.propertyDbLeadId()).orElseThrow(
                        () -> new LeadNotFoundException("property_db_lead_id", request.propertyDbLeadId()));
                ZohoUpsertOutcome outcome = upsertOne(ZohoLeadMapper.toZoho(local, request.source(), config.externalRefField()),
                        List.of("Email", config.externalRefField()));
                outboundAction = ZohoWriteAction.of(outcome.action());
                if (ohid == null) {
                    ohid = local.ohid();
                }
                outboundOk = true;
            } catch (GatewayFailure e) {
                errors.put("outbound", e.getMessage());
                outboundOk = false;
            }
        }
        SyncLeadResult.Status status = SyncLeadResult.statusOf(inboundOk, outboundOk);
        if (!errors.isEmpty()) {
            LOG.warning(() -> "correlation_id=" + Correlation.current().orElse("-") + " zoho sync " + request.syncDirection()
                    + " of lead " + request.zohoLeadId() + " is " + status + ": " + errors);
        }
        return new SyncLeadResult(status, inboundOk, outboundOk, request.zohoLeadId(), ohid, ingestId, outboundAction,
                errors.isEmpty() ? null : errors, (System.nanoTime() - started) / 1_000_000);
    }

    private LeadIngestResult inbound(String zohoId, String source) {
        Map<String, Object> lead = zoho(z -> z.get(zohoId)).orElseThrow(() -> new ZohoException(
                ZohoException.Kind.NOT_FOUND, 204, null, "zoho_lead_id: Zoho has no lead with id " + zohoId, null));
        // The lead itself comes from Zoho, whoever asked for the sync.
        String caller = Origin.current().map(Origin::caller).orElse(null);
        try (Correlation.Scope origin = Origin.open(new Origin(Origin.Via.ZOHO, caller))) {
            return leads.ingest(ZohoLeadMapper.toIngest(zohoId, lead, source));
        }
    }

    /**
     * Upserts one record, matched by {@code duplicateCheck}. A failure after the request may have
     * reached Zoho (5xx, a connection broken mid-request) is retried only when the record carries
     * one of those fields: the retry then updates what the first attempt stored. Without one, a
     * retry could create the lead twice, so the failure is reported instead.
     */
    /** A 5xx, or a connection that broke after it was made: the request may have been applied. */
    static boolean mayHaveReachedZoho(ZohoException e) {
        return e.kind() == ZohoException.Kind.SERVER_ERROR
                || e.kind() == ZohoException.Kind.UNREACHABLE && LogSafeText.firstCause(e, ConnectException.class).isEmpty();
    }

    private ZohoUpsertOutcome upsertOne(Map<String, Object> record, List<String> duplicateCheck) {
        boolean retrySafe = duplicateCheck.stream().anyMatch(field -> record.get(field) != null);
        List<ZohoUpsertOutcome> outcomes = zoho(z -> {
            try {
                return z.upsert(List.of(record), duplicateCheck, config.upsertTriggers());
            } catch (ZohoException e) {
                if (retrySafe || !mayHaveReachedZoho(e)) {
                    throw e;
                }
                throw ZohoException.sharing(e, e.getMessage() + "; not retried: the lead has no "
                        + String.join(" or ", duplicateCheck) + " to match it by, so a retry could create it twice. "
                        + "Check Zoho before sending it again");
            }
        });
        if (outcomes.isEmpty()) {
            throw new ZohoException(ZohoException.Kind.SERVER_ERROR, 0, null, "Zoho answered the upsert without a result", null);
        }
        ZohoUpsertOutcome outcome = outcomes.get(0);
        if (!outcome.success()) {
            throw new ZohoException(ZohoException.Kind.REJECTED, 0, outcome.code(),
                    "Zoho refused the lead: " + outcome.describe(), null);
        }
        return outcome;
    }

    public ZohoStatusReport status() {
        ZohoConfig.AuthMode mode = config.authMode();
        return new ZohoStatusReport(
                mode.wireName(),
                mode != ZohoConfig.AuthMode.NOT_CONFIGURED,
                config.apiBase(),
                Arrays.stream(SyncDirection.values()).map(Enum::name).toList(),
                tokens.expiresAt().map(Instant::toString).orElse(null),
                circuit == null ? NOT_OBSERVED : circuit.state(),
                circuit == null ? null : circuit.at().toString(),
                config.maxConcurrency());
    }

    private void requireConfigured() {
        if (config.authMode() == ZohoConfig.AuthMode.NOT_CONFIGURED) {
            throw ZohoException.of(ZohoException.Kind.NOT_CONFIGURED, config.notConfiguredMessage());
        }
    }

    private void observe(String state) {
        circuit = new CircuitObservation(state, Instant.now());
    }

    /**
     * One Zoho call through the fault-tolerant client, its FT outcomes in Zoho's terms. Records
     * what the call shows of the circuit breaker, and no more: a failure that counts toward
     * opening it (ZohoClient's failOn) leaves its state unknown.
     */
    private <T> T zoho(Function<ZohoLeads, T> operation) {
        requireConfigured();
        try {
            T answer = client.call(operation);
            observe(CLOSED);
            GatewayMetrics.zohoCall("ok", CLOSED);
            return answer;
        } catch (CircuitBreakerOpenException e) {
            observe(OPEN);
            GatewayMetrics.zohoCall("circuit_open", OPEN);
            throw new ZohoException(ZohoException.Kind.CIRCUIT_OPEN, "Zoho calls are paused: the circuit breaker "
                    + "opened after repeated Zoho failures; try again shortly", e);
        } catch (TimeoutException e) {
            observe(UNKNOWN);
            GatewayMetrics.zohoCall("timeout", UNKNOWN);
            throw new ZohoException(ZohoException.Kind.TIMEOUT,
                    "Zoho did not answer within " + config.timeoutMillis() + " ms", e);
        } catch (BulkheadException e) {
            observe(CLOSED); // the call passed the breaker, and a full bulkhead is not among its failures
            GatewayMetrics.zohoCall("busy", CLOSED);
            throw new ZohoException(ZohoException.Kind.BUSY, "too many Zoho calls at once (at most "
                    + config.maxConcurrency() + "); try again shortly", e);
        } catch (ZohoRetryableException | ZohoTimeoutException e) {
            observe(UNKNOWN);
            GatewayMetrics.zohoCall("retries_exhausted", UNKNOWN);
            throw e;
        } catch (ZohoException e) {
            observe(CLOSED); // an answer (4xx, not found, token refresh failure) is not a breaker failure
            GatewayMetrics.zohoCall(e.kind().name().toLowerCase(java.util.Locale.ROOT), CLOSED);
            throw e;
        }
    }
}
