package com.opulenthorizons.gateway.common;

import java.util.Optional;

/**
 * A value that the current thread carries while it does one piece of work (a tool call, a webhook
 * delivery), set at the edge and read by the services, and put back as it was when the work ends,
 * so that nested work (a Zoho sync inside a tool call) does not leak into what follows.
 */
public final class ThreadScoped<T> {

    private final ThreadLocal<T> current = new ThreadLocal<>();

    public Optional<T> current() {
        return Optional.ofNullable(current.get());
    }

    /** Sets the value for the current thread until the returned scope is closed. */
    public Correlation.Scope open(T value) {
        T previous = current.get();
        current.set(value);
        return () -> {
            if (previous == null) {
                current.remove();
            } else {
                current.set(previous);
            }
        };
    }
}
