package com.opulenthorizons.gateway.webhook;

import com.opulenthorizons.gateway.common.ErrorKind;
import com.opulenthorizons.gateway.common.GatewayFailure;

/** A webhook secret the operation needs is not configured. */
public class WebhookNotConfiguredException extends GatewayFailure {

    public WebhookNotConfiguredException(String message) {
        super(ErrorKind.NOT_CONFIGURED, "not_configured", message);
    }
}
