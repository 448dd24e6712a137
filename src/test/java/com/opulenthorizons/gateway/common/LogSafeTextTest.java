package com.opulenthorizons.gateway.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.sql.SQLException;

import org.junit.jupiter.api.Test;

class LogSafeTextTest {

    @Test
    void theChainListsTheFailureAndItsCausesEachOnceEvenWhenItLoopsBack() {
        IllegalStateException top = new IllegalStateException("top");
        IOException middle = new IOException("middle");
        RuntimeException bottom = new RuntimeException("bottom");
        top.initCause(middle);
        middle.initCause(bottom);
        bottom.initCause(top);

        assertThat(LogSafeText.chain(top)).containsExactly(top, middle, bottom);
        assertThat(LogSafeText.rootCause(top)).isSameAs(bottom);
    }

    @Test
    void aFailureWithoutCauseIsItsOwnRoot() {
        IllegalStateException alone = new IllegalStateException("alone");
        assertThat(LogSafeText.rootCause(alone)).isSameAs(alone);
        assertThat(LogSafeText.rootMessage(alone)).isEqualTo("IllegalStateException: alone");
    }

    @Test
    void findsTheFirstCauseOfATypeOrThatPassesATest() {
        SQLException outer = new SQLException("outer");
        SQLException withState = new SQLException("inner", "08006");
        RuntimeException failure = new RuntimeException("wrapped", outer);
        outer.initCause(withState);

        assertThat(LogSafeText.firstCause(failure, SQLException.class)).containsSame(outer);
        assertThat(LogSafeText.firstCause(failure, t -> t instanceof SQLException s && s.getSQLState() != null))
                .containsSame(withState);
        assertThat(LogSafeText.firstCause(failure, ConnectException.class)).isEmpty();
    }

    @Test
    void theCauseChainNamesEachClassWithItsMaskedMessage() {
        Exception e = new IllegalStateException("Zoho at http://zoho.test/crm could not be reached",
                new ConnectException("Connection refused to http://zoho.test/Leads/search?email=ann@example.com"));
        assertThat(LogSafeText.causeChain(e)).isEqualTo("java.lang.IllegalStateException: Zoho at http://zoho.test/crm "
                + "could not be reached; caused by java.net.ConnectException: Connection refused to http://zoho.test/Leads/search?...");
    }

    @Test
    void theCauseChainStopsAfterFiveCauses() {
        Throwable e = new RuntimeException("0");
        Throwable top = e;
        for (int i = 1; i <= 7; i++) {
            Throwable cause = new RuntimeException(String.valueOf(i));
            e.initCause(cause);
            e = cause;
        }
        assertThat(LogSafeText.causeChain(top)).endsWith("java.lang.RuntimeException: 5").doesNotContain(": 6");
    }

    @Test
    void masksQueryStringsAndEmailsButKeepsTheRest() {
        assertThat(LogSafeText.masked("GET /x?token=abc&b=2 failed")).isEqualTo("GET /x?... failed");
        // The whole word around an @ goes, brackets and all: more than needed rather than less.
        assertThat(LogSafeText.masked("duplicate key (email)=(Ann.Smith@example.com) exists"))
                .isEqualTo("duplicate key <masked> exists");
        assertThat(LogSafeText.masked("HTTP 500 INTERNAL_ERROR")).isEqualTo("HTTP 500 INTERNAL_ERROR");
        assertThat(LogSafeText.masked(null)).isNull();
        assertThat(LogSafeText.rootMessage(new RuntimeException(new SQLException("Key (email)=(ann@example.com)"))))
                .isEqualTo("SQLException: Key <masked>");
    }

    @Test
    void aSecretIsShownOnlyByItsLastCharactersLengthAndDigestPrefix() {
        String token = "secret_tMrlL1qK5vuQAh1b6cZGhFChZTSYJlce98V0pYn7yBl";
        assertThat(LogSafeText.fingerprint(token)).matches("\u20267yBl \\(50 chars, sha256 [0-9a-f]{8}\\)");
        assertThat(LogSafeText.fingerprint("short")).matches("\u2026 \\(5 chars, sha256 [0-9a-f]{8}\\)");
    }
}
