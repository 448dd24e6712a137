package com.opulenthorizons.gateway.store;

import com.opulenthorizons.gateway.common.ErrorKind;
import com.opulenthorizons.gateway.common.GatewayFailure;

/** No stored lead has the ingest id a caller named; the message names the field and the id. */
public class LeadNotFoundException extends GatewayFailure {

    public LeadNotFoundException(String field, Object ingestId) {
        super(ErrorKind.NOT_FOUND, "not_found", field + ": no local lead with ingest id " + ingestId);
    }
}
