package com.opulenthorizons.gateway.webhook;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.logging.Logger;

import com.opulenthorizons.gateway.common.LogSafeText;

/**
 * Keeps the verification token Notion sends when a webhook subscription is created. The operator
 * pastes it into Notion to verify the subscription and sets it as NOTION_WEBHOOK_SECRET. It is a
 * secret: the log shows only its last four characters and a digest prefix, enough to confirm
 * which token arrived; the whole value goes to a file only the server's user can read.
 * <p>
 * The request is unsigned, so anyone can send one: tokens are appended, one line each with the
 * time it arrived, never overwritten. A forged token does not pass Notion's Verify dialog, so the
 * operator keeps the one that does.
 */
public class NotionVerificationTokens {

    private static final Logger LOG = Logger.getLogger(NotionVerificationTokens.class.getName());

    private final Path file;

    public NotionVerificationTokens(Path file) {
        this.file = file.toAbsolutePath();
    }

    public synchronized void record(String token) {
        try {
            if (Files.notExists(file) && file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            Files.writeString(file, Instant.now() + " " + token + System.lineSeparator(), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the Notion verification token to " + file, e);
        }
        LOG.warning("Notion verification token received: " + LogSafeText.fingerprint(token) + ". Its full value is the last line of " + file
                + ". Paste it into the Notion webhook's Verify dialog, then set NOTION_WEBHOOK_SECRET to it.");
    }
}
