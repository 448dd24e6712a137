package com.opulenthorizons.gateway.webform;

import com.opulenthorizons.gateway.common.ErrorKind;
import com.opulenthorizons.gateway.common.GatewayFailure;

/** The CAPTCHA service could not give a verdict; the submission is refused with 503 and can be sent again. */
public class CaptchaUnavailableException extends GatewayFailure {

    public CaptchaUnavailableException(String message, Throwable cause) {
        super(ErrorKind.UPSTREAM_FAULT, "captcha_unavailable", message, cause);
    }
}
