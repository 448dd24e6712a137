package com.opulenthorizons.gateway.webform;

import java.util.Map;

/**
 * One post of the website form, as the endpoint read it.
 *
 * @param fields the form's fields by name: text for a urlencoded form, JSON values for a JSON body
 * @param idempotencyKey the {@code Idempotency-Key} header, or null
 * @param origin the page's origin (the {@code Origin} header), or null for a request from a server
 * @param remoteIp the sender's address, for the CAPTCHA check
 */
public record WebFormSubmission(Map<String, Object> fields, String idempotencyKey, String origin, String remoteIp) {
}
