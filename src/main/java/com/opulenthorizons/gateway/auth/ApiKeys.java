package com.opulenthorizons.gateway.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
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
 * ({@code #} starts a comment). It is read again when it changes, at most once a second, so a key
 * is added or removed with no restart. A line that cannot be used is logged (by line number, never
 * its hash) and skipped. Keys in the older {@code MCP_API_KEYS} list are plain text: they are
 * hashed at start, named {@code key-1}, {@code key-2}, ..., and granted every scope.
 */
public final class ApiKeys {

    private static final Logger LOG = Logger.getLogger(ApiKeys.class.getName());
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern HASH = Pattern.compile("sha256:[0-9a-fA-F]{64}");
    private static final long RECHECK_MILLIS = 1000;

    /** One key: its name, the SHA-256 of its value, and what it may do. */
    record Entry(String name, byte[] sha256, Set<Scope> scopes) {
    }

    private final List<Entry> fixed;
    private final Optional<Path> file;
    private volatile List<Entry> fromFile = List.of();
    private volatile FileTime fileVersion;
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
            FileTime version = Files.getLastModifiedTime(path);
            if (version.equals(fileVersion)) {
                return;
            }
            fromFile = parse(Files.readAllLines(path, StandardCharsets.UTF_8), path);
            fileVersion = version;
            unreadable = false;
            LOG.info(() -> "MCP API keys: " + fromFile.size() + " read from " + path);
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

    static List<Entry> parse(List<String> lines, Path source) {
        List<Entry> entries = new ArrayList<>();
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\s+");
            Optional<String> problem = problemOf(parts);
            if (problem.isPresent()) {
                LOG.severe("MCP API keys file " + source + ", line " + (n + 1) + " skipped: " + problem.get());
                continue;
            }
            Set<Scope> scopes = EnumSet.noneOf(Scope.class);
            for (int i = 2; i < parts.length; i++) {
                scopes.add(Scope.fromWireName(parts[i]).orElseThrow());
            }
            entries.add(new Entry(parts[0], HexFormat.of().parseHex(parts[1].substring("sha256:".length())), scopes));
        }
        return List.copyOf(entries);
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
                return Optional.of("unknown scope '" + parts[i] + "'");
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
