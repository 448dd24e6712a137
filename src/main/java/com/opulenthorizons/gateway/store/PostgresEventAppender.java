package com.opulenthorizons.gateway.store;

import static com.opulenthorizons.gateway.store.PostgresPeople.bind;
import static com.opulenthorizons.gateway.store.PostgresPeople.survivor;
import static com.opulenthorizons.gateway.store.PostgresPeople.tombstone;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * The workflow events the gateway's receivers append (CloudTalk, Notion, Meta and the tools), on
 * PostgreSQL, each in one transaction: a delivery the store already holds (its dedup key) answers
 * with the stored event. A call of a known person also leaves a mark on the person's leads, in the
 * same transaction: {@code lead_context.called_back} (sql/V23) says that a call event of the person
 * occurred at or after the lead, which is what search_leads' {@code has_call_after_lead} asks. The
 * search tests a column, where it used to probe the call index once for every lead it passed
 * (bench/README.md, "seventh session").
 * <p>
 * The mark is kept true by every writer that can change the answer, each holding the person's locks:
 * <ul>
 * <li>this append takes the person's {@code o:} lock and the ingest locks of their contact keys, as a
 * merge does, so an ingest that joins the person runs wholly before it (its lead is marked here) or
 * wholly after it (the ingest sees the call: sql/V23's ingest function marks a new lead itself);</li>
 * <li>a merge marks the survivor's leads again ({@link #markCalledBack}), as the absorbed person's
 * calls can follow the survivor's leads;</li>
 * <li>an erasure deletes the leads.</li>
 * </ul>
 */
final class PostgresEventAppender {

    /** The mark's definition: a call event of the lead's person occurred at or after the lead. */
    static final String CALL_AFTER_LEAD = "EXISTS (SELECT 1 FROM workflow_event e WHERE e.ohid = l.ohid AND e.event_type IN ("
            + WorkflowEventType.CALLS.stream().map(t -> "'" + t.name() + "'").collect(Collectors.joining(", "))
            + ") AND e.occurred_at >= l.created_at)";

    private static final Logger LOG = Logger.getLogger(PostgresEventAppender.class.getName());
    /** How often a call is stored again after losing a deadlock (see {@link #append}). */
    private static final int DEADLOCK_ATTEMPTS = 3;

    private final PostgresPeople people;

    PostgresEventAppender(PostgresPeople people) {
        this.people = people;
    }

    /** Whether the event is a call of a known person, which marks their leads. */
    private static boolean isPersonsCall(NewWorkflowEvent event) {
        return event.ohid() != null && WorkflowEventType.isCall(event.eventType());
    }

    AppendOutcome append(NewWorkflowEvent event) {
        for (int attempt = 1; ; attempt++) {
            try {
                return people.inTransaction(false, c -> appendOnce(c, event));
            } catch (StoreUnavailableException e) {
                // A call's second batch of contact-key locks (a key the person gained while it waited) can
                // deadlock against an ingest; PostgreSQL then fails one side, and this side tries again.
                if (attempt == DEADLOCK_ATTEMPTS || !PostgresTransactions.hasSqlState(e, PostgresTransactions.DEADLOCK_DETECTED)) {
                    throw e;
                }
                LOG.warning(() -> "correlation_id=" + event.correlationId() + " a call's locks deadlocked with another "
                        + "change of its person; storing it again");
            }
        }
    }

    private static AppendOutcome appendOnce(Connection c, NewWorkflowEvent event) throws SQLException {
        boolean call = isPersonsCall(event);
        UUID ohid = call ? lockPerson(c, event.ohid()) : event.ohid();
        boolean stored = PostgresEventRows.insert(c, new NewWorkflowEvent(event.id(), ohid, event.eventType(),
                event.payload(), event.sourceSystem(), event.dedupKey(), event.correlationId()));
        if (!stored) { // the same delivery arrived before: answer with the stored event
            return new AppendOutcome(PostgresEventRows.idByDedupKey(c, event.dedupKey()), false);
        }
        if (call && ohid != null) {
            markCalledBack(c, ohid);
        }
        return new AppendOutcome(event.id(), true);
    }

    /**
     * Takes the person's locks and answers who they are now: the survivor if a merge absorbed them
     * since the caller looked them up, or null if they were forgotten (the call then links to no one,
     * as one from an unknown number does). The {@code o:} lock of whoever is answered is held, and
     * merges and erasures take it first, so the answer cannot change before this commits.
     */
    private static UUID lockPerson(Connection c, UUID ohid) throws SQLException {
        PostgresPersonLocks.lockOhids(c, List.of(ohid));
        UUID current = ohid;
        for (Optional<UUID> s = survivor(c, current); s.isPresent(); s = survivor(c, current)) {
            current = s.get();
            PostgresPersonLocks.lockOhids(c, List.of(current));
        }
        if (tombstone(c, current).isPresent()) {
            return null;
        }
        PostgresPersonLocks.lockContactKeys(c, List.of(current));
        return current;
    }

    /** Marks each lead of the person that a call of theirs occurred at or after (the caller holds the person's locks). */
    static void markCalledBack(Connection c, UUID ohid) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("UPDATE lead_context l SET called_back = true "
                + "WHERE l.ohid = ? AND NOT l.called_back AND " + CALL_AFTER_LEAD)) {
            bind(q, ohid);
            q.executeUpdate();
        }
    }
}
