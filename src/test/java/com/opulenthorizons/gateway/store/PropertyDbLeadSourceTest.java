package com.opulenthorizons.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import com.opulenthorizons.gateway.lead.IngestOutcome;
import com.opulenthorizons.gateway.lead.NewLead;

import jakarta.persistence.EntityManagerFactory;

/** Leads read from a second PostgreSQL that holds the same lead_context table. */
class PropertyDbLeadSourceTest {

    @Test
    void readsALeadWrittenByAnotherSystemAndAnswersEmptyForAnUnknownId() {
        DataSource propertyDb = TestPostgres.newMigratedDatabase();
        EntityManagerFactory emf = TestPostgres.entityManagerFactory(propertyDb);
        try {
            PostgresLeadStore writer = new PostgresLeadStore(emf, propertyDb, new SchemaMigrator(propertyDb), "property");
            NewLead lead = LeadStoreContract.lead("p-" + UUID.randomUUID(), "ann@example.com", "+442079460958");
            IngestOutcome written = writer.ingest(lead);

            PropertyDbLeadSource source = new PropertyDbLeadSource(propertyDb, "property");
            StoredLead read = source.findLead(written.ingestId()).orElseThrow();
            assertThat(read.ohid()).isEqualTo(written.ohid());
            assertThat(read.sourceSystem()).isEqualTo("WEB");
            assertThat(read.payload()).isEqualTo(lead.payload());
            assertThat(read.consent()).isEqualTo(lead.consent());
            assertThat(read.createdAt()).isNotNull();
            assertThat(source.findLead(UUID.randomUUID())).isEmpty();
        } finally {
            emf.close();
        }
    }

    @Test
    void anUnreachablePropertyDatabaseIsAClearErrorWithoutCredentials() {
        PGSimpleDataSource nowhere = new PGSimpleDataSource();
        nowhere.setServerNames(new String[] {"127.0.0.1"});
        nowhere.setPortNumbers(new int[] {1});
        nowhere.setUser("someone");
        nowhere.setPassword("s3cret-password");
        assertThatThrownBy(() -> new PropertyDbLeadSource(nowhere, "127.0.0.1:1/props").findLead(UUID.randomUUID()))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("property database at 127.0.0.1:1/props cannot be read")
                .hasMessageNotContaining("s3cret");
    }
}
