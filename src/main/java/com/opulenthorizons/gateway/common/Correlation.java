package com.opulenthorizons.gateway.common;

import java.util.Optional;
import java.util.UUID;

/**
 * The correlation id of the work the current thread is doing (a tool call, a webhook delivery),
 * so that services can put it on what they log and on the events they emit.
 */
public final class Correlation {

    private static final ThreadScoped<String> CURRENT = new ThreadScoped<>();

    private Correlation() {
    }

    public static String newId() {
        return UUID.randomUUID().toString();
    }

    public static Optional<String> current() {
        return CURRENT.current();
    }

    /** Sets the id for the current thread until the returned scope is closed. */
    public static Scope open(String correlationId) {
        return CURRENT.open(correlationId);
    }

    /** Restores the previous correlation id. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
