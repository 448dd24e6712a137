package com.opulenthorizons.gateway.zoho.client;

import java.util.Optional;

/**
 * Where and with what {@link ZohoAccountsClient} asks for an access token: the accounts server's
 * token endpoint and the refresh-token grant's credentials, which are secrets.
 */
public interface ZohoOAuthSettings {

    String tokenUrl();

    Optional<String> clientId();

    Optional<String> clientSecret();

    Optional<String> refreshToken();
}
