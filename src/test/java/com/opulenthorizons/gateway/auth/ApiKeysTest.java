package com.opulenthorizons.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.opulenthorizons.gateway.LogCapture;

class ApiKeysTest {

    @TempDir
    Path dir;

    private static String line(String name, String key, String scopes) {
        return name + " sha256:" + HexFormat.of().formatHex(ApiKeys.sha256(key)) + " " + scopes;
    }

    private Path keysFile(String... lines) throws IOException {
        return Files.write(dir.resolve("keys.txt"), List.of(lines));
    }

    @Test
    void aKeyFromTheFileIdentifiesItsNamedCallerWithItsScopes() throws IOException {
        ApiKeys keys = new ApiKeys(List.of(), Optional.of(keysFile("# agents", line("n8n", "secret-1", "leads:write events:write"))));

        assertThat(keys.identify("secret-1")).contains(new Caller("n8n", Set.of(Scope.LEADS_WRITE, Scope.EVENTS_WRITE)));
        assertThat(keys.identify("secret-2")).isEmpty();
        assertThat(keys.configured()).isTrue();
    }

    @Test
    void plainKeysAreNamedInOrderAndMayDoEverything() {
        ApiKeys keys = new ApiKeys(List.of("old", "new"), Optional.empty());

        assertThat(keys.identify("new")).hasValueSatisfying(caller -> {
            assertThat(caller.name()).isEqualTo("key-2");
            assertThat(caller.scopes()).containsExactlyInAnyOrder(Scope.values());
        });
    }

    @Test
    void noKeysAtAllIsNotConfigured() {
        assertThat(new ApiKeys(List.of(), Optional.empty()).configured()).isFalse();
    }

    @Test
    void aLineThatCannotBeUsedIsSkippedAndLoggedByNumberWithoutItsHash() throws IOException {
        String unknownScope = line("bad", "secret-3", "leads:delete");
        try (LogCapture log = LogCapture.of(ApiKeys.class.getName())) {
            ApiKeys keys = new ApiKeys(List.of(), Optional.of(keysFile(
                    "plain-text-key-here", unknownScope, line("good", "secret-4", "leads:read"))));

            assertThat(keys.identify("secret-3")).isEmpty();
            assertThat(keys.identify("secret-4")).map(Caller::name).contains("good");
            assertThat(log.records().stream().map(java.util.logging.LogRecord::getMessage).toList()).anySatisfy(m -> assertThat(m).contains("line 1 skipped"))
                    .anySatisfy(m -> assertThat(m).contains("line 2 skipped: unknown scope 'leads:delete'"))
                    .noneSatisfy(m -> assertThat(m).contains(unknownScope.split(" ")[1]));
        }
    }

    @Test
    void aRepeatedNameOrKeyIsSkippedAndAFieldThatIsNoScopeIsNotEchoed() throws IOException {
        String pasted = "sha256:" + "ab".repeat(32);
        try (LogCapture log = LogCapture.of(ApiKeys.class.getName())) {
            ApiKeys keys = new ApiKeys(List.of("plain"), Optional.of(keysFile(
                    line("first", "secret-7", "leads:read"),
                    line("first", "secret-8", "leads:read"),
                    line("other", "secret-7", "zoho:read"),
                    line("key-1", "secret-9", "leads:read"),
                    line("pasted", "secret-10", pasted))));

            assertThat(keys.identify("secret-7")).map(Caller::name).contains("first");
            assertThat(keys.identify("secret-8")).isEmpty();
            assertThat(keys.identify("secret-9")).isEmpty();
            assertThat(keys.identify("secret-10")).isEmpty();
            List<String> messages = log.records().stream().map(java.util.logging.LogRecord::getMessage).toList();
            assertThat(messages).anySatisfy(m -> assertThat(m).contains("line 2 skipped: the name is already used"))
                    .anySatisfy(m -> assertThat(m).contains("line 3 skipped: the same key is already listed"))
                    .anySatisfy(m -> assertThat(m).contains("line 4 skipped: the name is already used"))
                    .anySatisfy(m -> assertThat(m).contains("line 5 skipped: field 3 is not a scope"))
                    .noneSatisfy(m -> assertThat(m).contains(pasted));
        }
    }

    @Test
    void aKeyAddedToTheFileIsAcceptedWithoutARestartAndARemovedOneIsRefused() throws IOException {
        Path file = keysFile(line("first", "secret-5", "leads:read"));
        ApiKeys keys = new ApiKeys(List.of(), Optional.of(file));
        assertThat(keys.identify("secret-5")).isPresent();

        FileTime unchanged = Files.getLastModifiedTime(file);
        Files.write(file, List.of(line("second", "secret-6", "zoho:read")));
        // as cp -p or a coarse file system would leave it: only the content tells the change
        Files.setLastModifiedTime(file, unchanged);

        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> keys.identify("secret-6").isPresent());
        assertThat(keys.identify("secret-5")).isEmpty();
    }
}
