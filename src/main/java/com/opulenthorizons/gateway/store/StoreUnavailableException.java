package com.opulenthorizons.gateway.store;

import com.opulenthorizons.gateway.common.ErrorKind;
import com.opulenthorizons.gateway.common.GatewayFailure;

/** The store could not be reached or refused the work; nothing was written. */
public class StoreUnavailableException extends GatewayFailure {

    public StoreUnavailableException(String message, Throwable cause) {
        super(ErrorKind.STORE_UNAVAILABLE, "store_unavailable", message, cause);
    }
}
