package com.opulenthorizons.gateway.webhook;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Set;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.opulenthorizons.gateway.common.LogSafeText;

/**
 * Keeps the verification token Notion sends when a webhook subscription is created. The operator
 * pastes it into Notion to verify the subscription and sets it as NOTION_WEBHOOK_SECRET. It is a
 * secret: the log shows only its last four characters and a digest prefix, enough to confirm
 * which token arrived; the whole value goes to a file only the server's user can read.
 * <p>
 * The request is unsigned, so anyone can send one: tokens are appended, one line each with the
 * time it arrived, never overwritten. A forged token does not pass Notion's Verify dialog, so the
 * operator keeps the one that does. So that nobody can fill the disk or the file with them, a token
 * must look like one (8 to 200 of {@code A-Z a-z 0-9 _ -}), the file takes at most
 * {@value #MAX_LINES} lines and {@value #MAX_BYTES} bytes, and it is kept readable by the server's
 * user alone (mode 0600), even when it existed before.
 */
public class NotionVerificationTokens {

    private static final Logger LOG = Logger.getLogger(NotionVerificationTokens.class.getName());
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    static final int MAX_LINES = 100;
    static final int MAX_BYTES = 64 * 1024;
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{8,200}");

    private final Path file;

    public NotionVerificationTokens(Path file) {
        this.file = file.toAbsolutePath();
    }

    public synchronized void record(String token) {
        if (!TOKEN.matcher(token).matches()) {
            throw new WebhookRejectedException(400, "verification_token: must be 8 to 200 of A-Z a-z 0-9 _ -");
        }
        String line = Instant.now() + " " + token + System.lineSeparator();
        try {
            boolean posix = file.getFileSystem().supportedFileAttributeViews().contains("posix");
            if (Files.notExists(file) && posix) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            }
            if (Files.exists(file) && (Files.size(file) + line.length() > MAX_BYTES || lineCount() >= MAX_LINES)) {
                LOG.warning("Notion verification token refused: " + file + " is full (" + MAX_LINES + " lines or "
                        + MAX_BYTES + " bytes). Keep the line Notion verified, delete the rest, and set NOTION_WEBHOOK_SECRET.");
                throw new WebhookRejectedException(429, "too many Notion verification tokens have been received");
            }
            if (posix) {
                // also when the file was there before, with whatever mode it had
                Files.setPosixFilePermissions(file, OWNER_ONLY);
            }
            Files.writeString(file, line, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the Notion verification token to " + file, e);
        }
        LOG.warning("Notion verification token received: " + LogSafeText.fingerprint(token) + ". Its full value is the last line of " + file
                + ". Paste it into the Notion webhook's Verify dialog, then set NOTION_WEBHOOK_SECRET to it.");
    }

    private long lineCount() throws IOException {
        try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
            return lines.count();
        }
    }
}
