package com.opulenthorizons.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.opulenthorizons.gateway.testing.ShippedBlocklist;
import com.opulenthorizons.gateway.lead.Channel;
import com.opulenthorizons.gateway.lead.Channel;
import com.opulenthorizons.gateway.lead.ContactNormalizer;
import com.opulenthorizons.gateway.lead.LeadIngestService;
import com.opulenthorizons.gateway.lead.NewLead;
import com.opulenthorizons.gateway.lead.OhidResolver;
import com.opulenthorizons.gateway.lead.SourceSystem;
import com.opulenthorizons.gateway.testing.ValidLead;

/** The store contract, and the PostgreSQL-only guarantees, on a real PostgreSQL 16. */
class PostgresLeadStoreTest extends LeadStoreContract {

    private static TestPostgres.OpenStore postgres;
    private static DataSource dataSource;
    private static PostgresLeadStore store;

    @BeforeAll
    static void startStore() {
        postgres = TestPostgres.newStore();
        dataSource = postgres.dataSource();
        store = postgres.store();
    }

    @AfterAll
    static void closeStore() {
        postgres.close();
    }

    @Override
    protected LeadStore store() {
        return store;
    }

    private static long count(String sql) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void aFailureAtCommitAfterEveryInsertLeavesNothingBehind() throws Exception {
        // A deferred constraint trigger fails the transaction at COMMIT, after the locks, the
        // lookups and both inserts went through: only a real transaction can undo all of that.
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE OR REPLACE FUNCTION fail_poisoned() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                    + "IF NEW.correlation_id = 'poison' THEN RAISE EXCEPTION 'forced failure at commit'; END IF; RETURN NULL; END $$");
            s.execute("CREATE CONSTRAINT TRIGGER fail_poisoned AFTER INSERT ON workflow_event DEFERRABLE INITIALLY DEFERRED "
                    + "FOR EACH ROW EXECUTE FUNCTION fail_poisoned()");
        }
        String sourceLeadId = unique("rollback");
        String email = unique("ann") + "@example.com";
        NewLead good = lead(sourceLeadId, email, null);
        NewLead failing = new NewLead(good.ingestId(), good.sourceSystem(), good.sourceLeadId(), good.channel(),
                good.contacts(), good.payload(), good.consent(), good.eventPayload(), "poison");
        StoreCounts before = store.counts();

        assertThatThrownBy(() -> ingest(failing))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("nothing was written");

        assertThat(store.counts()).isEqualTo(before);
        assertThat(count("SELECT count(*) FROM lead_context WHERE source_lead_id = '" + sourceLeadId + "'")).isZero();
        assertThat(store.findLead(good.ingestId())).isEmpty();
        assertThat(store.lookup().byEmail(email)).isEmpty();
        // Nothing was left locked or half-done: the same lead goes in once the cause is gone.
        assertThat(ingest(good).created()).isTrue();
    }

    @Test
    void dataPostgresqlCannotStoreIsRefusedAsBadInput() {
        NewLead lead = lead(unique("nul"), null, null);
        Map<String, Object> payload = new HashMap<>(lead.payload());
        payload.put("free_text", "nul \u0000 byte");
        NewLead withNul = new NewLead(lead.ingestId(), lead.sourceSystem(), lead.sourceLeadId(), lead.channel(),
                lead.contacts(), payload, lead.consent(), lead.eventPayload(), lead.correlationId());
        assertThatThrownBy(() -> ingest(withNul))
                .isInstanceOf(com.opulenthorizons.gateway.common.InvalidArgumentException.class)
                .hasMessageContaining("SQLState 22P05").hasMessageContaining("nothing was written");
    }

    @Test
    void concurrentFirstIngestsOfOnePhoneInDifferentFormatsGetOneOhid() throws Exception {
        LeadIngestService service = new LeadIngestService(store, new ContactNormalizer("GB"), ShippedBlocklist.with(new ContactNormalizer("GB")), new OhidResolver());
        String local = String.format("%07d", (int) (Math.random() * 9_999_999));
        String[] formats = {"+44 20 3" + local, "020 3" + local, "(020) 3" + local.substring(0, 3) + "-" + local.substring(3),
                "0044203" + local};
        java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
        Set<UUID> ohids = concurrently(32, () -> {
            int i = n.getAndIncrement();
            return service.ingest(ValidLead.web(unique("call")).from(SourceSystem.CLOUDTALK, Channel.INBOUND_CALL)
                    .name("Caller", String.valueOf(i)).marketingConsent(false).phone(formats[i % formats.length]).request())
                    .ohid();
        });
        assertThat(ohids).hasSize(1);
    }
}
