package io.dropnight.capacity;

import io.dropnight.core.Endpoint;
import io.dropnight.metrics.BackendState;
import io.dropnight.metrics.LoopLag;
import io.dropnight.shedding.OverloadPolicy;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The virtual backend behind every modelled endpoint: admission by the overload policy, backend
 * slots, a wait queue, the title-metadata cache, modelled service times. It never blocks the
 * caller; modelled time passes as scheduled tasks.
 *
 * <p>Thread-safe: {@link #serve} may be called from any event loop.
 */
public interface ModelledBackend extends AutoCloseable {

    /**
     * Serves one request. Exactly one call to {@code done} follows, always on {@code callbackExecutor}
     * (the caller's event loop): {@link Verdict#REJECTED} at once when shed,
     * {@link Verdict#FAILED} at once during an outage fault or after {@link #close()}, otherwise
     * {@link Verdict#SERVED} after the modelled queueing and service time (at once when the model
     * is unconstrained).
     *
     * @param endpoint         a {@link Endpoint#modelled() modelled} endpoint
     * @param cacheKey         the title-metadata cache key this request reads (for example
     *                         {@code title:42}), or null when it reads none
     * @param callbackExecutor where {@code done} runs
     */
    void serve(Endpoint endpoint, String cacheKey, Executor callbackExecutor, Consumer<Verdict> done);

    /** Marks the drop instant: the cache turns cold for the featured series (or is pre-warmed). */
    void onDrop(Iterable<String> featuredCacheKeys);

    /** Replaces policy and capacity while running (admin); requests already admitted finish under the old model. */
    void reconfigure(OverloadPolicy policy, CapacityModel capacity);

    /**
     * Injects a fault (for reliability rehearsals); {@code setFault(1.0, false)} clears it. Takes
     * effect for requests that start service after the call.
     *
     * @param slowdownFactor multiplies every modelled service time, a finite number &gt; 0 (3.0:
     *                       the backend is three times slower, so its capacity is a third)
     * @param outage         answer every request {@link Verdict#FAILED} at once, with no queueing
     * @throws io.dropnight.core.ConfigException naming the field when the factor is not &gt; 0
     */
    default void setFault(double slowdownFactor, boolean outage) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " does not support fault injection");
    }

    /** Watches how late the backend's own thread runs, if it has one (the default has none). */
    default void watchLag(LoopLag lag) {
    }

    /**
     * A test fault: blocks the backend's own thread for {@code duration}, as a stalled host would.
     *
     * @throws UnsupportedOperationException when the backend has no thread of its own
     */
    default void stall(Duration duration) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " has no thread to stall");
    }

    /** Current policy, model and live state (busy slots, queued, current limit, cache hits/misses) for /metrics. */
    Map<String, Object> describe();

    /**
     * The live part of {@link #describe()} as numbers, read now: what {@code /metrics/prometheus}
     * exposes. Cheap (counters summed, no lock, nothing waits on the model's thread); may be called
     * from any thread.
     */
    BackendState state();

    @Override
    void close();
}
