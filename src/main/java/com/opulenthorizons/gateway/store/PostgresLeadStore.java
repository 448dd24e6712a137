package com.opulenthorizons.gateway.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;

import javax.sql.DataSource;

import com.opulenthorizons.gateway.common.LogSafeText;
import com.opulenthorizons.gateway.common.WireJson;
import com.opulenthorizons.gateway.lead.IngestOutcome;
import com.opulenthorizons.gateway.lead.NewLead;
import com.opulenthorizons.gateway.lead.OhidLookup;
import com.opulenthorizons.gateway.telemetry.ClientSpans;
import com.opulenthorizons.gateway.telemetry.TraceHeaders;

import jakarta.persistence.EntityManagerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * The PostgreSQL store: every method that writes runs in exactly one transaction. Ingest, the
 * hot path, is one call of the {@code gateway_ingest_lead_and_consent} function over plain JDBC, and
 * so are people's reads and changes ({@link PostgresPeople}) and appended events
 * ({@link PostgresEventAppender}); the rest goes through JPA (EclipseLink) in the resource-local
 * transactions of {@link PostgresTransactions}, the outbox's part in {@link PostgresOutbox}.
 * <p>
 * Identity is race-free because an ingest first takes transaction-scoped advisory locks on its
 * keys (the source lead, the email, the phone), in a fixed order: two ingests that share any key
 * run one after the other, so the second sees the first's lead. The unique index on
 * (source_system, source_lead_id) backs the replay rule at the database.
 */
public class PostgresLeadStore implements LeadStore, OutboxDelegation {

    private static final Logger LOG = Logger.getLogger(PostgresLeadStore.class.getName());

    private static final String OHID_BY_EMAIL = "SELECT ohid FROM lead_context WHERE payload -> 'person' ->> 'email' = ? "
            + "ORDER BY created_at DESC LIMIT 1";
    private static final String OHID_BY_PHONE = "SELECT ohid FROM lead_context WHERE payload -> 'person' ->> 'phone' = ? "
            + "ORDER BY created_at DESC LIMIT 1";

    private final DataSource dataSource;
    private final SchemaMigrator migrator;
    private final String location;
    private final PostgresTransactions transactions;
    private final PostgresOutbox outbox;
    private final PostgresEventLog eventLog;
    private final PostgresPeople people;
    private final PostgresLeadSearch leadSearch;
    private final PostgresPersonChanges personChanges;
    private final PostgresEventAppender eventAppender;

    /** SEARCH_TIMEOUT_MS as shipped, for stores built without configuration (tests). */
    public static final int DEFAULT_SEARCH_TIMEOUT_MS = 2000;

    /**
     * @param location where the database is, for status and errors (host, port and database; no credentials)
     */
    public PostgresLeadStore(EntityManagerFactory emf, DataSource dataSource, SchemaMigrator migrator, String location) {
        this(emf, dataSource, migrator, location, DEFAULT_SEARCH_TIMEOUT_MS);
    }

    /** @param searchTimeoutMs how long one lead search may run before it is refused as too broad */
    public PostgresLeadStore(EntityManagerFactory emf, DataSource dataSource, SchemaMigrator migrator, String location,
            int searchTimeoutMs) {
        this.dataSource = dataSource;
        this.migrator = migrator;
        this.location = location;
        this.transactions = new PostgresTransactions(emf, dataSource, migrator, location);
        this.outbox = new PostgresOutbox(transactions);
        this.eventLog = new PostgresEventLog(transactions);
        this.people = new PostgresPeople(dataSource, migrator, transactions);
        this.leadSearch = new PostgresLeadSearch(people, searchTimeoutMs);
        this.personChanges = new PostgresPersonChanges(people);
        this.eventAppender = new PostgresEventAppender(people);
    }

    @Override
    public StoreType type() {
        return StoreType.POSTGRES;
    }

    @Override
    public void start() {
        try {
            migrator.migrate();
        } catch (RuntimeException e) {
            LOG.warning("PostgreSQL at " + location + " is not usable yet (" + LogSafeText.rootMessage(e)
                    + "); the gateway is not ready and retries the schema migration on the next request or readiness probe");
        }
    }

    @Override
    public IngestOutcome ingest(NewLead lead) {
        migrator.ensureMigrated();
        try {
            return ingestOnce(lead);
        } catch (SQLException e) {
            // A writer that bypassed the advisory lock won the race for this source key: answer from its row.
            // Or PostgreSQL broke a cycle of lock waits with a person change or a call (a second batch of
            // their contact-key locks) by failing this ingest, which wrote nothing: go again.
            if (PostgresTransactions.UNIQUE_VIOLATION.equals(e.getSQLState())
                    || PostgresTransactions.DEADLOCK_DETECTED.equals(e.getSQLState())) {
                try {
                    return ingestOnce(lead);
                } catch (SQLException again) {
                    throw transactions.translate(again);
                }
            }
            throw transactions.translate(e);
        }
    }

    /**
     * The hot path of the gateway, in one round trip: the {@code gateway_ingest_lead_and_consent}
     * function (sql/V15, after V5 and V20) takes the advisory locks, answers a replay, applies the
     * identity rule and inserts the lead and its event (and a ConsentChanged event when the lead
     * changes the person's consent), in the implicit transaction of one autocommit statement. The
     * profiles showed the four-round-trip version spending a fifth of the server's CPU per
     * ingest on the database path, and PostgreSQL doing a transaction's worth of extra work.
     */
    private IngestOutcome ingestOnce(NewLead lead) throws SQLException {
        Optional<TraceHeaders> trace = TraceHeaders.current();
        try (ClientSpans.Traced span = ClientSpans.database("SELECT", "gateway_ingest_lead_and_consent");
                Connection c = dataSource.getConnection();
                PreparedStatement call = c.prepareStatement(INGEST)) {
            c.setAutoCommit(true);
            call.setObject(1, lead.ingestId());
            call.setObject(2, UUID.randomUUID());
            call.setString(3, lead.sourceSystem().name());
            call.setString(4, lead.sourceLeadId());
            call.setString(5, lead.channel().name());
            call.setString(6, lead.contacts().email());
            call.setString(7, lead.contacts().phone());
            call.setString(8, JSON.writeValueAsString(lead.payload()));
            call.setString(9, JSON.writeValueAsString(lead.consent()));
            call.setObject(10, UUID.randomUUID());
            call.setString(11, JSON.writeValueAsString(lead.eventPayload()));
            call.setString(12, lead.correlationId());
            // the trace the events were created in, so that their delivery continues it (sql/V20)
            call.setString(13, trace.map(TraceHeaders::traceparent).orElse(null));
            call.setString(14, trace.map(TraceHeaders::tracestate).orElse(null));
            call.setObject(15, UUID.randomUUID());
            call.setString(16, JSON.writeValueAsString(lead.consentEventPayload()));
            try (ResultSet rs = call.executeQuery()) {
                rs.next();
                return new IngestOutcome(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getBoolean(3));
            } catch (SQLException e) {
                span.failed(e);
                throw e;
            }
        }
    }

    private static final String INGEST = "SELECT ingest_id, ohid, created FROM gateway_ingest_lead_and_consent("
            + "CAST(? AS uuid), CAST(? AS uuid), CAST(? AS varchar), CAST(? AS varchar), CAST(? AS varchar), "
            + "CAST(? AS text), CAST(? AS text), CAST(? AS jsonb), CAST(? AS jsonb), CAST(? AS uuid), "
            + "CAST(? AS jsonb), CAST(? AS varchar), CAST(? AS varchar), CAST(? AS varchar), CAST(? AS uuid), "
            + "CAST(? AS jsonb))";
    private static final JsonMapper JSON = WireJson.PLAIN;

    @Override
    public OhidLookup lookup() {
        return new OhidLookup() {
            @Override
            public Optional<UUID> byEmail(String email) {
                return newestOhid(OHID_BY_EMAIL, email);
            }

            @Override
            public Optional<UUID> byPhone(String phone) {
                return newestOhid(OHID_BY_PHONE, phone);
            }
        };
    }

    /** One indexed query, autocommitted: a lookup needs no transaction of its own. */
    private Optional<UUID> newestOhid(String sql, String value) {
        migrator.ensureMigrated();
        try (ClientSpans.Traced span = ClientSpans.databaseInTrace("SELECT", "lead_context");
                Connection c = dataSource.getConnection(); PreparedStatement query = c.prepareStatement(sql)) {
            query.setString(1, value);
            try (ResultSet rs = query.executeQuery()) {
                return rs.next() ? Optional.of(rs.getObject(1, UUID.class)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw transactions.translate(e);
        }
    }

    @Override
    public AppendOutcome append(NewWorkflowEvent event) {
        return eventAppender.append(event);
    }

    // --- people (PostgresPeople) ------------------------------------------------------------

    @Override
    public Optional<PersonRecord> person(UUID ohid, EventCursor after, int eventLimit) {
        return people.person(ohid, after, eventLimit);
    }

    @Override
    public LeadPage searchLeads(LeadSearch search) {
        return leadSearch.search(search);
    }

    @Override
    public RecordedConsent recordConsent(UUID ohid, ConsentState state, String source, String recordedBy,
            Map<String, Object> eventPayload, String correlationId) {
        return personChanges.recordConsent(ohid, state, source, recordedBy, eventPayload, correlationId);
    }

    @Override
    public ForgetOutcome forget(UUID ohid, String forgottenBy, String reason, Map<String, Object> eventPayload,
            String correlationId) {
        return personChanges.forget(ohid, forgottenBy, reason, eventPayload, correlationId);
    }

    @Override
    public MergeOutcome merge(UUID surviving, UUID absorbed, String mergedBy, String reason, Map<String, Object> eventPayload,
            String correlationId) {
        return personChanges.merge(surviving, absorbed, mergedBy, reason, eventPayload, correlationId);
    }

    // --- event log (OutboxDelegation forwards the outbox to PostgresOutbox) ---------------

    @Override
    public EventPage listEvents(EventQuery query) {
        return eventLog.list(query);
    }

    @Override
    public int replay(Collection<UUID> eventIds) {
        return eventLog.replay(eventIds);
    }

    @Override
    public int replay(ReplayFilter filter) {
        return eventLog.replay(filter);
    }

    @Override
    public Optional<StoredLead> findLead(UUID ingestId) {
        return transactions.inTransaction(em -> Optional.ofNullable(em.find(LeadContext.class, ingestId))
                .map(LeadContext::toStoredLead));
    }

    @Override
    public Optional<StoredEvent> findEvent(UUID eventId) {
        return transactions.inTransaction(em -> Optional.ofNullable(em.find(WorkflowEvent.class, eventId))
                .map(WorkflowEvent::toStoredEvent));
    }

    @Override
    public StoreCounts counts() {
        long[] n = transactions.countRow("SELECT (SELECT count(*) FROM lead_context), (SELECT count(*) FROM workflow_event)");
        return new StoreCounts(n[0], n[1]);
    }

    @Override
    public StoreHealth health() {
        try (Connection connection = dataSource.getConnection()) {
            if (!connection.isValid(2)) {
                return new StoreHealth(StoreType.POSTGRES, false, "PostgreSQL at " + location + " did not answer");
            }
        } catch (SQLException | RuntimeException e) {
            return new StoreHealth(StoreType.POSTGRES, false,
                    "PostgreSQL at " + location + " is unreachable: " + LogSafeText.rootMessage(e));
        }
        try {
            migrator.ensureMigrated();
        } catch (StoreUnavailableException e) {
            return new StoreHealth(StoreType.POSTGRES, false, e.getMessage());
        }
        return new StoreHealth(StoreType.POSTGRES, true,
                "PostgreSQL at " + location + ", schema version " + migrator.schemaVersion());
    }

    @Override
    public EventOutbox outbox() {
        return outbox;
    }
}
