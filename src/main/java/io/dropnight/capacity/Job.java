package io.dropnight.capacity;

import io.dropnight.core.Endpoint;
import io.dropnight.shedding.Permit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

/** One request inside the virtual backend. Confined to the model's thread. */
final class Job {
    private static final Logger LOG = LoggerFactory.getLogger(Job.class);

    final Endpoint endpoint;
    final String cacheKey;
    final BackendSettings settings;
    private final Executor callbackExecutor;
    private final Consumer<Verdict> done;
    Permit permit;
    /** This request missed and its completion fills the cache (and wakes followers). */
    boolean fillsCache;
    /** A single-flight follower whose fetch is done: served as a hit without another lookup. */
    boolean fetched;
    /** When the model admitted it, on the model's clock: it cannot start before. */
    long admittedNanos;
    /** When its modelled service ends, on the model's clock; its slot is free from then on. */
    long dueNanos;
    private boolean answered;

    Job(Endpoint endpoint, String cacheKey, BackendSettings settings, Executor callbackExecutor,
            Consumer<Verdict> done) {
        this.endpoint = endpoint;
        this.cacheKey = cacheKey;
        this.settings = settings;
        this.callbackExecutor = callbackExecutor;
        this.done = done;
    }

    boolean answered() {
        return answered;
    }

    /** Hands {@code verdict} to the caller's executor, once; later calls do nothing. */
    void answer(Verdict verdict) {
        if (answered) {
            return;
        }
        answered = true;
        answer(callbackExecutor, done, verdict);
    }

    static void answer(Executor callbackExecutor, Consumer<Verdict> done, Verdict verdict) {
        try {
            callbackExecutor.execute(() -> done.accept(verdict));
        } catch (RejectedExecutionException e) {
            // The caller's event loop is shutting down: nobody is left to answer.
            LOG.debug("dropped a {} verdict: the callback executor is shut down", verdict, e);
        }
    }
}
