package com.opulenthorizons.gateway.auth;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.eclipse.microprofile.jwt.JsonWebToken;

import com.opulenthorizons.gateway.common.LogSafeText;

import jakarta.json.JsonArray;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * The caller an access token names: its subject and client for audit lines, and its scopes.
 * <p>
 * Scopes come from the {@code scope} claim (space-separated, RFC 8693 / RFC 9068) or from
 * {@code scp}, as Microsoft Entra ID issues them. Entra does not allow a colon in a scope's name,
 * so {@code leads.read} is read as {@code leads:read}, and a scope given as a full URI
 * ({@code api://gateway/leads.read}) by its last segment. Scopes this gateway does not know are ignored.
 */
public final class TokenCaller {

    private static final Pattern UNPRINTABLE = Pattern.compile("[^\\x21-\\x7E]");
    private static final int MAX_PART = 64;

    private TokenCaller() {
    }

    public static Caller of(JsonWebToken token) {
        String subject = part(token.getSubject());
        String client = firstPresent(token, "azp", "client_id", "appid").map(TokenCaller::part).orElse("-");
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        scopeNames(token.getClaim("scope")).forEach(s -> parse(s).ifPresent(scopes::add));
        scopeNames(token.getClaim("scp")).forEach(s -> parse(s).ifPresent(scopes::add));
        return new Caller("token:" + client + "/" + subject, scopes);
    }

    /** One scope value of a token, in any of the spellings the class comment lists. */
    public static Optional<Scope> parse(String value) {
        String name = value.substring(value.lastIndexOf('/') + 1);
        return Scope.fromWireName(name).or(() -> Scope.fromWireName(name.replace('.', ':')));
    }

    /** Claim values as Liberty hands them over: a String, a JSON string or array, or a collection. */
    static List<String> scopeNames(Object claim) {
        List<String> names = new ArrayList<>();
        if (claim instanceof String s) {
            names.addAll(List.of(s.trim().split("\\s+")));
        } else if (claim instanceof JsonString s) {
            names.addAll(List.of(s.getString().trim().split("\\s+")));
        } else if (claim instanceof JsonArray array) {
            for (JsonValue v : array) {
                if (v instanceof JsonString s) {
                    names.add(s.getString());
                }
            }
        } else if (claim instanceof Collection<?> values) {
            values.forEach(v -> names.addAll(scopeNames(v)));
        }
        names.removeIf(String::isBlank);
        return names;
    }

    private static Optional<String> firstPresent(JsonWebToken token, String... claims) {
        for (String claim : claims) {
            Object value = token.getClaim(claim);
            String text = value instanceof JsonString s ? s.getString() : value == null ? null : value.toString();
            if (text != null && !text.isBlank()) {
                return Optional.of(text);
            }
        }
        return Optional.empty();
    }

    /**
     * A subject or client id as an audit line may show it: printable, bounded, and masked when an
     * identity provider uses an email address as the subject.
     */
    private static String part(String value) {
        if (value == null || value.isBlank()) {
            return "-";
        }
        String printable = LogSafeText.masked(UNPRINTABLE.matcher(value).replaceAll("?"));
        return printable.length() > MAX_PART ? printable.substring(0, MAX_PART) + "..." : printable;
    }
}
