package com.opulenthorizons.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.opulenthorizons.gateway.LogCapture;
import com.opulenthorizons.gateway.lead.Channel;
import com.opulenthorizons.gateway.lead.LeadIngestRequest;
import com.opulenthorizons.gateway.lead.SourceSystem;
import com.opulenthorizons.gateway.person.ConsentDecision;
import com.opulenthorizons.gateway.person.ForgetPersonRequest;
import com.opulenthorizons.gateway.person.GetPersonRequest;
import com.opulenthorizons.gateway.person.RecordConsentRequest;

/** The people contract on a real PostgreSQL, and the plans its reads get. */
class PostgresPersonStoreTest extends CallsAfterLeadsContract {

    /** How the ingest function and PostgresPersonLocks take a lock of a key. */
    private static final String LOCK = "SELECT pg_advisory_xact_lock(hashtextextended(?, 0))";

    private static TestPostgres.OpenStore postgres;

    @BeforeAll
    static void startStore() {
        postgres = TestPostgres.newStore();
    }

    @AfterAll
    static void closeStore() {
        postgres.close();
    }

    @Override
    protected LeadStore store() {
        return postgres.store();
    }

    /**
     * A call stored while an ingest of its person runs waits for it, then marks the new lead: it
     * takes the ingest locks of the person's contact keys. Here the test holds what such an ingest
     * holds until it commits: the lock of the phone it joined the person by, and its uncommitted lead.
     * Without the wait the call would miss the lead, and the lead's own check would miss the call.
     */
    @Test
    void aCallStoredWhileAnIngestOfItsPersonRunsWaitsForItAndMarksItsLead() throws Exception {
        String phone = newPhone();
        UUID ohid = ingest("Hana", null, phone, true);
        UUID pending = UUID.randomUUID();
        try (Connection c = postgres.dataSource().getConnection()) {
            c.setAutoCommit(false);
            update(c, LOCK, "p:" + phone);
            update(c, "INSERT INTO lead_context (id, ohid, source_system, source_lead_id, channel, payload) "
                    + "VALUES (?, ?, 'META', ?, 'META_LEAD_AD', '{}')", pending, ohid, unique("src"));
            CompletableFuture<Void> storing = CompletableFuture.runAsync(() -> call(phone, "inbound", null));
            awaitWaiterFor("p:" + phone);
            assertThat(storing).as("the call waits for the ingest").isNotDone();
            c.commit();
            storing.get(10, TimeUnit.SECONDS);
        }
        assertThat(calledBack(pending)).isTrue();
    }

    /**
     * A call whose person gains a phone while it waits can deadlock with an ingest, and is then stored
     * on its next attempt. The call holds the person's lock and their email's, and wants the phone of a
     * lead committed while it waited; a second ingest, of that phone and the same email, holds the
     * phone and wants the email (the ingest function takes its keys in the order of their hashes; the
     * test takes this one). PostgreSQL fails the call, which waited first and so looks first; the
     * call's next attempt waits for the second ingest and goes through, once.
     */
    @Test
    void aCallThatDeadlocksWithAnIngestOfItsPersonIsStoredOnItsNextAttempt() throws Exception {
        String email = unique("noa") + "@example.com";
        String phone = newPhone();
        String gainedPhone = newPhone();
        UUID ohid = ingest("Noa", email, phone, true);
        UUID gainedLead = UUID.randomUUID();
        try (LogCapture log = LogCapture.of(PostgresEventAppender.class);
                Connection firstIngest = postgres.dataSource().getConnection();
                Connection secondIngest = postgres.dataSource().getConnection()) {
            firstIngest.setAutoCommit(false);
            secondIngest.setAutoCommit(false);
            update(firstIngest, LOCK, "e:" + email);
            update(firstIngest, "INSERT INTO lead_context (id, ohid, source_system, source_lead_id, channel, payload) "
                    + "VALUES (?, ?, 'WEB', ?, 'WEB_FORM', ?::jsonb)", gainedLead, ohid, unique("src"),
                    "{\"person\": {\"email\": \"" + email + "\", \"phone\": \"" + gainedPhone + "\"}}");
            CompletableFuture<Void> storing = CompletableFuture.runAsync(() -> call(phone, "inbound", null));
            awaitWaiterFor("e:" + email);
            update(secondIngest, LOCK, "p:" + gainedPhone);
            firstIngest.commit(); // the call takes the email, then finds the gained phone and waits for it
            awaitWaiterFor("p:" + gainedPhone);
            update(secondIngest, LOCK, "e:" + email); // returns once PostgreSQL has failed the call's attempt
            secondIngest.commit();
            storing.get(10, TimeUnit.SECONDS);

            assertThat(log.records()).singleElement().satisfies(r -> assertThat(r.getMessage())
                    .contains("deadlocked with another change of its person; storing it again"));
        }
        assertThat(calledBack(gainedLead)).isTrue();
        try (Connection c = postgres.dataSource().getConnection(); PreparedStatement q = c.prepareStatement(
                "SELECT count(*) FROM workflow_event WHERE ohid = ? AND event_type IN ('CallReceived', 'CallCompleted')")) {
            q.setObject(1, ohid);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                assertThat(rs.getLong(1)).as("the failed attempt left nothing").isEqualTo(1);
            }
        }
    }

    /** Waits until a transaction waits for the lock of {@code key} ({@code e:<email>}, {@code p:<phone>}, {@code o:<ohid>}). */
    private static void awaitWaiterFor(String key) throws Exception {
        try (Connection c = postgres.dataSource().getConnection(); PreparedStatement q = c.prepareStatement(
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted "
                        + "AND ((classid::bigint << 32) | objid::bigint) = hashtextextended(?, 0)")) {
            q.setString(1, key);
            for (int i = 0; i < 400; i++) {
                try (ResultSet rs = q.executeQuery()) {
                    rs.next();
                    if (rs.getLong(1) > 0) {
                        return;
                    }
                }
                Thread.sleep(25);
            }
        }
        throw new AssertionError("no transaction waited for the lock of " + key);
    }

    /**
     * A call whose person was merged into someone being forgotten at that moment waits for the
     * erasure, then links to no one: it takes the {@code o:} lock of whoever it would go to, which an
     * erasure holds. The test holds what forget_person holds until it commits: the survivor's lock,
     * its leads deleted and its tombstone written.
     */
    @Test
    void aCallWhosePersonIsBeingForgottenWaitsAndThenLinksToNoOne() throws Exception {
        UUID survivor = ingest("Kai", unique("kai") + "@example.com", newPhone(), true);
        UUID absorbed = ingest("Lou", unique("lou") + "@example.com", newPhone(), true);
        merge(survivor, absorbed);
        UUID id = UUID.randomUUID();
        try (Connection c = postgres.dataSource().getConnection()) {
            c.setAutoCommit(false);
            update(c, LOCK, "o:" + survivor);
            update(c, "DELETE FROM lead_context WHERE ohid = ?", survivor);
            update(c, "INSERT INTO person_tombstone (ohid, forgotten_by, reason) VALUES (?, 'test', 'erasure')", survivor);
            CompletableFuture<AppendOutcome> storing = CompletableFuture.supplyAsync(() -> store().append(callOf(id, absorbed)));
            awaitWaiterFor("o:" + survivor);
            assertThat(storing).as("the call waits for the erasure").isNotDone();
            c.commit();
            storing.get(10, TimeUnit.SECONDS);
        }
        assertThat(store().findEvent(id).orElseThrow().ohid()).isNull();
    }

    /** A call can be timed after a lead yet stored before it (its transaction began later, ended sooner): the ingest looks. */
    @Test
    void anIngestMarksItsLeadWhenACallOfThePersonIsAlreadyStoredAfterItsTime() throws Exception {
        String phone = newPhone();
        UUID ohid = ingest("Ira", null, phone, true);
        try (Connection c = postgres.dataSource().getConnection()) {
            update(c, "INSERT INTO workflow_event (id, ohid, event_type, payload, occurred_at) "
                    + "VALUES (?, ?, 'CallCompleted', '{}', now() + interval '1 minute')", UUID.randomUUID(), ohid);
        }
        UUID later = leads().ingest(lead(SourceSystem.META, Channel.META_LEAD_AD, "Ira", "Smith", null, phone, true,
                "Bondi", null)).ingestId();
        UUID stranger = leads().ingest(lead(SourceSystem.META, Channel.META_LEAD_AD, "Jon", "Smith", null, newPhone(), true,
                "Bondi", null)).ingestId();

        assertThat(calledBack(later)).isTrue();
        assertThat(calledBack(stranger)).as("a new person has no calls").isFalse();
    }

    private static boolean calledBack(UUID leadId) throws Exception {
        try (Connection c = postgres.dataSource().getConnection();
                PreparedStatement q = c.prepareStatement("SELECT called_back FROM lead_context WHERE id = ?")) {
            q.setObject(1, leadId);
            try (ResultSet rs = q.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getBoolean(1);
            }
        }
    }

    private static void update(Connection c, String sql, Object... params) throws Exception {
        try (PreparedStatement q = c.prepareStatement(sql)) {
            PostgresPeople.bind(q, params);
            q.execute();
        }
    }

    /** The source's raw body stays in the database when people are read: no view shows it, and it can be 128 KiB a lead. */
    @Test
    void peopleReadsLeaveTheRawPayloadInTheDatabase() throws Exception {
        String word = "r" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        LeadIngestRequest request = new LeadIngestRequest(SourceSystem.META, unique("src"), Channel.META_LEAD_AD, "Raw",
                "Body", false, unique("raw") + "@example.org", null, null, null, null, word, null,
                Map.of("field_data", List.of(Map.of("name", "full_name", "values", List.of("Raw Body")))));
        UUID ohid = leads().ingest(request).ohid();
        UUID call = UUID.randomUUID(); // a webhook's event keeps the sender's body under raw
        store().append(new NewWorkflowEvent(call, ohid, "CallCompleted",
                Map.of("direction", "inbound", "raw", Map.of("call_id", "c-1")), "CLOUDTALK", null, "c-" + call));

        PersonRecord person = store().person(ohid, null, 10).orElseThrow();
        StoredLead read = person.leads().get(0);
        assertThat(read.payload()).doesNotContainKey("raw_payload").containsKey("person");
        assertThat(person.events()).hasSize(2).allSatisfy(e -> assertThat(e.payload()).doesNotContainKeys("raw_payload", "raw"));
        assertThat(person.events()).anySatisfy(e -> assertThat(e.payload()).containsEntry("direction", "inbound"));
        LeadPage page = store().searchLeads(new LeadSearch(null, null, null, null, List.of(word), null, null, 10, 10));
        assertThat(page.leads()).singleElement().satisfies(l -> assertThat(l.payload()).doesNotContainKey("raw_payload"));

        try (Connection c = postgres.dataSource().getConnection();
                PreparedStatement q = c.prepareStatement("SELECT payload -> 'raw_payload' IS NOT NULL FROM lead_context WHERE id = ?")) {
            q.setObject(1, read.id());
            try (ResultSet rs = q.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getBoolean(1)).as("still stored").isTrue();
            }
        }
        assertThat(store().findEvent(call).orElseThrow().payload()).as("still stored").containsKey("raw");
    }

    /** A read sees one snapshot and cannot write; a change runs in the default READ COMMITTED, writable. */
    @Test
    void readsRunInOneReadOnlySnapshotAndChangesDoNot() {
        SchemaMigrator migrator = new SchemaMigrator(postgres.dataSource());
        PostgresPeople people = new PostgresPeople(postgres.dataSource(), migrator,
                new PostgresTransactions(postgres.emf(), postgres.dataSource(), migrator, "embedded"));
        PostgresPeople.Work<String> characteristics = c -> {
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT current_setting('transaction_isolation') || ' ' "
                            + "|| current_setting('transaction_read_only')")) {
                rs.next();
                return rs.getString(1);
            }
        };

        assertThat(people.inTransaction(true, characteristics)).isEqualTo("repeatable read on");
        assertThat(people.inTransaction(false, characteristics)).isEqualTo("read committed off");
        assertThatThrownBy(() -> people.inTransaction(true, c -> {
            try (Statement s = c.createStatement()) {
                return s.executeUpdate("DELETE FROM person_merge");
            }
        })).hasMessageContaining("SQLState 25006"); // read_only_sql_transaction
    }

    /**
     * After forget_person no row of any table holds the person's email, phone or names: every
     * text, varchar, json and jsonb column of every table is searched, not just the ones we know.
     */
    @Test
    void noColumnOfAnyTableHoldsAForgottenPersonsEmailPhoneOrName() throws Exception {
        String first = "Quilla" + Long.toString(System.nanoTime(), 36);
        String last = "Vantongeren" + Long.toString(System.nanoTime(), 36);
        String email = unique("quilla") + "@example.com";
        String phone = newPhone();
        UUID ohid = leads().ingest(lead(SourceSystem.META, Channel.META_LEAD_AD, first, last, email, phone, true,
                "Bondi", "call " + first + " after 5pm on " + phone)).ohid();
        call(phone, "inbound", "https://recordings.example/" + first + ".mp3");
        // a call from the number before it was known: an event with no person that still carries it
        store().append(new NewWorkflowEvent(UUID.randomUUID(), null, "CallCompleted",
                Map.of("from_number", phone.substring(1), "raw", Map.of("caller_name", first)), "CLOUDTALK", null, "c"));
        people().recordConsent(new RecordConsentRequest(ohid, ConsentDecision.WITHDRAWN, "call with " + first));
        List<String> secrets = List.of(email, phone.substring(1), first, last);
        assertThat(rowsHolding(secrets)).isNotEmpty();

        people().forget(new ForgetPersonRequest(ohid, "erasure request, ticket 4411"));

        assertThat(rowsHolding(secrets)).isEmpty();
        assertThat(people().get(new GetPersonRequest(ohid, null, null, null, null)).forgotten()).isNotNull();
    }

    /** "table.column: value" for every text-like column of every table that holds one of {@code values}. */
    private static List<String> rowsHolding(List<String> values) throws Exception {
        List<String> found = new ArrayList<>();
        try (Connection c = postgres.dataSource().getConnection(); Statement s = c.createStatement()) {
            List<String[]> columns = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT table_name, column_name FROM information_schema.columns "
                    + "WHERE table_schema = 'public' AND data_type IN ('text', 'character varying', 'json', 'jsonb', 'character')")) {
                while (rs.next()) {
                    columns.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
            assertThat(columns).extracting(col -> col[0]).contains("lead_context", "workflow_event", "person_consent",
                    "person_tombstone", "person_merge");
            for (String[] col : columns) {
                for (String value : values) {
                    try (PreparedStatement q = c.prepareStatement("SELECT count(*) FROM \"" + col[0] + "\" WHERE CAST(\""
                            + col[1] + "\" AS text) ILIKE ?")) {
                        q.setString(1, "%" + value + "%");
                        try (ResultSet rs = q.executeQuery()) {
                            rs.next();
                            if (rs.getLong(1) > 0) {
                                found.add(col[0] + "." + col[1] + ": " + value);
                            }
                        }
                    }
                }
            }
        }
        return found;
    }
}
