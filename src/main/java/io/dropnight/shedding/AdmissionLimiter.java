package io.dropnight.shedding;

import io.dropnight.core.Endpoint;

import java.util.Optional;

/**
 * Decides at once whether a request may enter the backend. A limiter never queues: it answers with
 * a {@link Permit} or with nothing, and the caller rejects on nothing. "In flight" means admitted
 * and not yet released: queued, in a backend slot or waiting on a cache fetch.
 *
 * <p>Implementations are thread-safe. Build them with {@link AdmissionLimiters#forPolicy}.
 */
public interface AdmissionLimiter {

    /** A permit for {@code endpoint}, or empty when the request must be rejected now. */
    Optional<Permit> acquire(Endpoint endpoint);

    /** Permits acquired and not yet released. */
    int inFlight();

    /**
     * The in-flight bound in force now (it moves for {@link OverloadPolicy#ADAPTIVE}), or
     * {@link #UNBOUNDED} when there is none.
     */
    int currentLimit();

    /** Requests this limiter has refused since it was built. */
    long rejected();

    /** {@link #currentLimit()} of a limiter that admits everything. */
    int UNBOUNDED = Integer.MAX_VALUE;
}
