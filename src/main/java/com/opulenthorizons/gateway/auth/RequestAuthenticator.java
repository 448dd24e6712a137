package com.opulenthorizons.gateway.auth;

import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.logging.Logger;
import java.util.regex.Pattern;

import com.opulenthorizons.gateway.common.SharedSecrets;
import com.opulenthorizons.gateway.ratelimit.RateLimiter;
import com.opulenthorizons.gateway.ratelimit.RepeatedWarnings;
import com.opulenthorizons.gateway.telemetry.GatewayMetrics;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Who is calling an authenticated endpoint (the MCP servers, {@code /admin}), as {@link AccessMode}
 * says: an access token, an API key, anyone (open), or nobody (closed).
 * <p>
 * A bearer value shaped like a JWT goes to the MicroProfile JWT runtime when tokens are accepted;
 * anything else is compared with the API keys. Refusals carry the MCP specification's challenge:
 * {@code WWW-Authenticate: Bearer resource_metadata="...", scope="..."}, so that a client can find
 * the authorization server and ask for the right scopes.
 */
public final class RequestAuthenticator {

    private static final RepeatedWarnings WARNINGS = new RepeatedWarnings(Logger.getLogger(RequestAuthenticator.class.getName()));
    private static final Pattern JWT_SHAPE = Pattern.compile("eyJ[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*");

    private final AccessMode mode;
    private final ApiKeys apiKeys;
    private final Optional<ProtectedResourceMetadata> metadata;

    public RequestAuthenticator(AccessMode mode, ApiKeys apiKeys, Optional<ProtectedResourceMetadata> metadata) {
        this.mode = mode;
        this.apiKeys = apiKeys;
        this.metadata = mode.acceptsTokens() ? metadata : Optional.empty();
    }

    public static RequestAuthenticator of(AccessConfig access) {
        AccessPolicy policy = access.policy();
        return new RequestAuthenticator(policy.mode(), access.apiKeys(),
                policy.mode().acceptsTokens() ? Optional.of(ProtectedResourceMetadata.of(access.oauth())) : Optional.empty());
    }

    public AccessMode mode() {
        return mode;
    }

    public Optional<ProtectedResourceMetadata> metadata() {
        return metadata;
    }

    /**
     * Decides about {@code request}. {@code scopes} are those the endpoint's operations need, named
     * in a refusal's challenge.
     */
    public Authentication authenticate(HttpServletRequest request, HttpServletResponse response, Collection<Scope> scopes) {
        // Open on loopback means loopback callers only: a listener added some other way (a config
        // drop-in that binds every interface) must not open the endpoints to the network.
        if (mode.refusesEveryCall() || mode == AccessMode.OPEN_ON_LOOPBACK && !AccessPolicy.isLoopback(request.getRemoteAddr())) {
            return new Authentication.Refused(HttpServletResponse.SC_UNAUTHORIZED, challenge(List.of(), Optional.empty()),
                    closedMessage());
        }
        if (!mode.needsCredentials()) {
            return new Authentication.Admitted(Caller.UNAUTHENTICATED);
        }
        Optional<String> bearer = SharedSecrets.bearerToken(request.getHeader("Authorization"));
        if (bearer.isEmpty()) {
            return new Authentication.Refused(HttpServletResponse.SC_UNAUTHORIZED, challenge(scopes, Optional.empty()),
                    mode.acceptsTokens() ? "an access token is required: Authorization: Bearer <token> (see the resource_metadata "
                            + "of the WWW-Authenticate header)" : "a valid API key is required: Authorization: Bearer <key>");
        }
        if (mode.acceptsTokens() && JWT_SHAPE.matcher(bearer.get()).matches()) {
            return ContainerTokenVerifier.verify(request, response)
                    .<Authentication>map(token -> new Authentication.Admitted(TokenCaller.of(token)))
                    .orElseGet(() -> new Authentication.Refused(HttpServletResponse.SC_UNAUTHORIZED,
                            challenge(scopes, Optional.of(BearerChallenge.INVALID_TOKEN)),
                            "the access token was refused: it is expired or not yet valid, from another issuer, for another "
                                    + "audience, or its signature does not verify"));
        }
        if (mode.acceptsApiKeys()) {
            Optional<Caller> caller = apiKeys.identify(bearer.get());
            if (caller.isPresent()) {
                return new Authentication.Admitted(caller.get());
            }
        }
        return new Authentication.Refused(HttpServletResponse.SC_UNAUTHORIZED,
                challenge(scopes, Optional.of(BearerChallenge.INVALID_TOKEN)),
                mode.acceptsApiKeys() ? "the API key or access token is not valid" : "the access token is not a JWT");
    }

    /** How an endpoint writes a refusal's body: MCP endpoints as JSON-RPC, the others as plain JSON. */
    @FunctionalInterface
    public interface RefusalWriter {
        void write(int status, String message) throws IOException;
    }

    /**
     * {@link #authenticate}, with the consequences: a refusal gets its {@code WWW-Authenticate}
     * header and body, is logged (once a minute per kind, with a count), and counts against the
     * source address in {@code refusedBySource}; an address over that limit is answered 429 before
     * its credentials are checked again, so that a flood of bad tokens cannot fill the log.
     */
    public Optional<Caller> admit(HttpServletRequest request, HttpServletResponse response, Collection<Scope> scopes,
            RateLimiter refusedBySource, RefusalWriter refusal) throws IOException {
        String source = request.getRemoteAddr();
        OptionalLong wait = refusedBySource.exhausted(source);
        if (wait.isPresent()) {
            GatewayMetrics.rateLimited("refused_credentials");
            response.setHeader("Retry-After", Long.toString(wait.getAsLong()));
            refusal.write(429, "too many refused credentials from this address; retry after " + wait.getAsLong() + " s");
            return Optional.empty();
        }
        Authentication decision = authenticate(request, response, scopes);
        if (decision instanceof Authentication.Refused refused) {
            refusedBySource.tryTake(source);
            WARNINGS.warn("refused-" + refused.status(), "call refused (HTTP " + refused.status() + ") on "
                    + request.getRequestURI() + ": " + refused.message());
            response.setHeader("WWW-Authenticate", refused.challenge());
            refusal.write(refused.status(), refused.message());
            return Optional.empty();
        }
        return Optional.of(((Authentication.Admitted) decision).caller());
    }

    /** The refusal of a caller that lacks {@code needed}: 403, so that an OAuth client can step up. */
    public Authentication.Refused insufficientScope(Scope needed, String operation) {
        return new Authentication.Refused(HttpServletResponse.SC_FORBIDDEN,
                challenge(List.of(needed), Optional.of(BearerChallenge.INSUFFICIENT_SCOPE)),
                operation + " needs the scope " + needed.wireName() + ", which this caller was not granted");
    }

    private String challenge(Collection<Scope> scopes, Optional<String> error) {
        return new BearerChallenge(metadata.map(ProtectedResourceMetadata::url), metadata.isPresent() || error.isPresent()
                ? scopes : List.of(), error).header();
    }

    private String closedMessage() {
        return switch (mode) {
            case OAUTH_INCOMPLETE -> "the MCP endpoints are closed: OAuth is only partly configured on this server "
                    + "(its operator must complete it; the start-up log names what is missing)";
            case OPEN_ON_LOOPBACK -> "this server accepts calls without credentials from this machine only";
            default -> "the MCP endpoints are closed: this server can be reached from other machines and no credentials "
                    + "are configured (its operator must set MP_JWT_VERIFY_* and MCP_RESOURCE_URL, MCP_API_KEYS_FILE or "
                    + "MCP_API_KEYS, or MCP_AUTH=none on a private network)";
        };
    }
}
