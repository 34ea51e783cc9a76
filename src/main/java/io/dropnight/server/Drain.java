package io.dropnight.server;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts requests in flight and, once draining starts, completes {@link #drained()} when the last
 * one has been answered. Thread-safe.
 */
public final class Drain {
    private final AtomicInteger inFlight = new AtomicInteger();
    private final CompletableFuture<Void> drained = new CompletableFuture<>();
    private volatile boolean draining;

    void begin() {
        inFlight.incrementAndGet();
    }

    void end() {
        if (inFlight.decrementAndGet() == 0 && draining) {
            drained.complete(null);
        }
    }

    /** Stops keep-alive and completes {@link #drained()} once nothing is in flight. */
    public void start() {
        draining = true;
        if (inFlight.get() == 0) {
            drained.complete(null);
        }
    }

    public boolean draining() {
        return draining;
    }

    public int inFlight() {
        return inFlight.get();
    }

    public CompletableFuture<Void> drained() {
        return drained;
    }
}
