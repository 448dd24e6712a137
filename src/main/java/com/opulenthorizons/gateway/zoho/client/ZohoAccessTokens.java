package com.opulenthorizons.gateway.zoho.client;

/**
 * Where {@link ZohoLeads} gets the gateway's own Zoho token (never a client's): the token
 * manager of the zoho package, which caches and refreshes it.
 */
public interface ZohoAccessTokens {

    /** A token to call Zoho with. */
    ZohoToken token();

    /** Zoho answered 401 INVALID_TOKEN to {@code refused}: a token other than that one. */
    ZohoToken refreshAfterRejection(ZohoToken refused);
}
