package com.opulenthorizons.gateway.common;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Text about failures and secrets that is safe for the server log and for error messages: a
 * failure's chain of causes, and messages with query strings and anything that looks like an
 * email masked (a transport or database message may quote a URL or row data). A secret is only
 * ever shown by its fingerprint.
 */
public final class LogSafeText {

    private static final Pattern QUERY = Pattern.compile("\\?[^\\s\"']*");
    private static final Pattern EMAIL_LIKE = Pattern.compile("[^\\s@:/]+@[^\\s@]+");
    /** Causes listed by {@link #causeChain} after the failure itself. */
    private static final int LISTED_CAUSES = 5;

    private LogSafeText() {
    }

    /**
     * {@code e}, then its cause, its cause's cause and so on, each once: a chain that loops back
     * (initCause allows it) ends where it would repeat.
     */
    public static List<Throwable> chain(Throwable e) {
        List<Throwable> chain = new ArrayList<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = e; t != null && seen.add(t); t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }

    /** The first throwable of {@code e}'s {@link #chain} that passes {@code test}. */
    public static Optional<Throwable> firstCause(Throwable e, Predicate<Throwable> test) {
        return chain(e).stream().filter(test).findFirst();
    }

    /** The first throwable of {@code e}'s {@link #chain} of this type. */
    public static <T extends Throwable> Optional<T> firstCause(Throwable e, Class<T> type) {
        return firstCause(e, type::isInstance).map(type::cast);
    }

    /** The last throwable of {@code e}'s {@link #chain}: {@code e} itself when it has no cause. */
    public static Throwable rootCause(Throwable e) {
        List<Throwable> chain = chain(e);
        return chain.get(chain.size() - 1);
    }

    /** "SimpleName: message" of the root cause, masked. */
    public static String rootMessage(Throwable e) {
        Throwable root = rootCause(e);
        return root.getClass().getSimpleName() + ": " + masked(root.getMessage());
    }

    /**
     * The failure and up to five causes as "class: message; caused by class: message", each
     * message masked: what the log needs to tell an upstream fault from another.
     */
    public static String causeChain(Throwable e) {
        return chain(e).stream()
                .limit(1L + LISTED_CAUSES)
                .map(t -> t.getClass().getName() + ": " + masked(t.getMessage()))
                .collect(Collectors.joining("; caused by "));
    }

    /** The message with query strings cut to "?..." and email-like words replaced; null stays null. */
    public static String masked(String message) {
        if (message == null) {
            return null;
        }
        return emailsReplaced(QUERY.matcher(message).replaceAll("?..."), "<masked>");
    }

    /** The text with every email-like word replaced by {@code replacement}. */
    public static String emailsReplaced(String text, String replacement) {
        return EMAIL_LIKE.matcher(text).replaceAll(replacement);
    }

    /**
     * "…1a2b (48 chars, sha256 3f2a9c1d)": tells which secret it is without giving it away (the
     * last four characters only when there are more than eight).
     */
    public static String fingerprint(String secret) {
        String tail = secret.length() > 8 ? secret.substring(secret.length() - 4) : "";
        return "\u2026" + tail + " (" + secret.length() + " chars, sha256 " + sha256Hex(secret).substring(0, 8) + ")";
    }

    private static String sha256Hex(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable in this JVM", e);
        }
    }
}
