package com.opulenthorizons.gateway.person;

import com.opulenthorizons.gateway.common.ErrorKind;
import com.opulenthorizons.gateway.common.GatewayFailure;

/** Every search slot stayed taken for the queue timeout ({@link SearchAdmission}); the search did not run. */
public class SearchBusyException extends GatewayFailure {

    public SearchBusyException(String message, Throwable cause) {
        super(ErrorKind.REFUSED, "search_busy", message, cause);
    }
}
