package com.opulenthorizons.gateway.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * The API keys callers may present, each with a name and scopes, held only as SHA-256 hashes.
 * <p>
 * The keys file ({@code MCP_API_KEYS_FILE}) has one key a line: {@code name sha256:<hex> scope...}
 * ({@code #} starts a comment). It is read again at most once a second, and taken anew when its
 * content changed (not its modification time, which a copy can keep), so a key is added or removed
 * with no restart. A line that cannot be used, or repeats a name or a key, is logged (by line
 * number, never its fields) and skipped. Keys in the older {@code MCP_API_KEYS} list are plain text: they are
 * hashed at start, named {@code key-1}, {@code key-2}, ..., and granted every scope.
 */
public final class ApiKeys {

    private static final Logger LOG = Logger.getLogger(ApiKeys.class.getName());
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern HASH = Pattern.compile("sha256:[0-9a-fA-F]{64}");
    private static final Pattern SCOPE_LIKE = Pattern.compile("[a-z]{1,20}:[a-z]{1,20}");
    private static final long RECHECK_MILLIS = 1000;

    /** One key: its name, the SHA-256 of its value, and what it may do. */
    record Entry(String name, byte[] sha256, Set<Scope> scopes) {
    }

    private final List<Entry> fixed;
    private final Optional<Path> file;
    private volatile List<Entry> fromFile = List.of();
    private volatile String fileVersion;
    private volatile long checkedAt;
    private boolean unreadable;

    public ApiKeys(List<String> plainKeys, Optional<Path> file) {
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < plainKeys.size(); i++) {
            entries.add(new Entry("key-" + (i + 1), sha256(plainKeys.get(i)), EnumSet.allOf(Scope.class)));
        }
        this.fixed = List.copyOf(entries);
        this.file = file;
        file.ifPresent(f -> reload());
    }

    /** Whether callers must present a key: some are listed, or a keys file is named (even if empty now). */
    public boolean configured() {
        return !fixed.isEmpty() || file.isPresent();
    }

    /** The caller a presented key identifies; every stored hash is compared, in constant time. */
    public Optional<Caller> identify(String presentedKey) {
        refreshIfDue();
        byte[] presented = sha256(presentedKey);
        Entry match = null;
        for (List<Entry> entries : List.of(fixed, fromFile)) {
            for (Entry entry : entries) {
                // No early exit: timing tells nothing about which key, or how much of it, matched.
                if (MessageDigest.isEqual(entry.sha256(), presented) && match == null) {
                    match = entry;
                }
            }
        }
        return Optional.ofNullable(match).map(e -> new Caller(e.name(), e.scopes()));
    }

    private void refreshIfDue() {
        if (file.isEmpty() || System.currentTimeMillis() - checkedAt < RECHECK_MILLIS) {
            return;
        }
        synchronized (this) {
            if (System.currentTimeMillis() - checkedAt >= RECHECK_MILLIS) {
                reload();
            }
        }
    }

    private synchronized void reload() {
        checkedAt = System.currentTimeMillis();
        Path path = file.orElseThrow();
        try {
            byte[] content = Files.readAllBytes(path);
            String version = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
            if (version.equals(fileVersion)) {
                return;
            }
            fromFile = parse(new String(content, StandardCharsets.UTF_8).lines().toList(), path, fixed);
            fileVersion = version;
            unreadable = false;
            LOG.info(() -> "MCP API keys: " + fromFile.size() + " read from " + path);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        } catch (IOException e) {
            if (!unreadable) {
                unreadable = true;
                LOG.severe("MCP API keys file " + path + " cannot be read (" + e.getClass().getSimpleName()
                        + "): no key from it is accepted until it can");
            }
            fromFile = List.of();
            fileVersion = null;
        }
    }

    static List<Entry> parse(List<String> lines, Path source, List<Entry> fixed) {
        List<Entry> entries = new ArrayList<>(fixed);
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\s+");
            Optional<String> problem = problemOf(parts).or(() -> repeats(parts, entries));
            if (problem.isPresent()) {
                LOG.severe("MCP API keys file " + source + ", line " + (n + 1) + " skipped: " + problem.get());
                continue;
            }
            Set<Scope> scopes = EnumSet.noneOf(Scope.class);
            for (int i = 2; i < parts.length; i++) {
                scopes.add(Scope.fromWireName(parts[i]).orElseThrow());
            }
            entries.add(new Entry(parts[0], hashOf(parts[1]), scopes));
        }
        return List.copyOf(entries.subList(fixed.size(), entries.size()));
    }

    private static byte[] hashOf(String field) {
        return HexFormat.of().parseHex(field.substring("sha256:".length()));
    }

    /** A name or a key used twice would make audit lines ambiguous: the later line is skipped. */
    private static Optional<String> repeats(String[] parts, List<Entry> earlier) {
        byte[] hash = hashOf(parts[1]);
        for (Entry entry : earlier) {
            if (entry.name().equals(parts[0])) {
                return Optional.of("the name is already used by an earlier key");
            }
            if (MessageDigest.isEqual(entry.sha256(), hash)) {
                return Optional.of("the same key is already listed under another name");
            }
        }
        return Optional.empty();
    }

    private static Optional<String> problemOf(String[] parts) {
        if (parts.length < 3) {
            return Optional.of("expected: name sha256:<64 hex digits> scope [scope ...]");
        }
        if (!NAME.matcher(parts[0]).matches()) {
            return Optional.of("the name must be 1 to 64 of A-Z a-z 0-9 . _ -");
        }
        if (!HASH.matcher(parts[1]).matches()) {
            return Optional.of("the second field must be sha256: and 64 hex digits (the key's SHA-256, not the key)");
        }
        for (int i = 2; i < parts.length; i++) {
            if (Scope.fromWireName(parts[i]).isEmpty()) {
                // Echo a field only when it looks like a scope: a key or a hash pasted here stays out of the log.
                return Optional.of(SCOPE_LIKE.matcher(parts[i]).matches() ? "unknown scope '" + parts[i] + "'"
                        : "field " + (i + 1) + " is not a scope");
            }
        }
        return Optional.empty();
    }

    static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
