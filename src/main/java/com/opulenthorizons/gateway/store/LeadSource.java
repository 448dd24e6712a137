package com.opulenthorizons.gateway.store;

import java.util.Optional;
import java.util.UUID;

/** Where stored leads are read from by their ingest id (outbound Zoho sync). */
public interface LeadSource {

    Optional<StoredLead> findLead(UUID ingestId);
}
