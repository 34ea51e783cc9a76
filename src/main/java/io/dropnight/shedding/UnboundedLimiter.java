package io.dropnight.shedding;

import io.dropnight.core.Endpoint;

/**
 * Policy {@link OverloadPolicy#NONE}: admits everything, so the wait queue grows without bound
 * when the offered load exceeds capacity (the collapse the other policies prevent). Counts what is
 * in flight for /metrics. Thread-safe.
 */
final class UnboundedLimiter extends CountingLimiter {

    @Override
    protected int boundFor(Endpoint endpoint) {
        return UNBOUNDED;
    }

    @Override
    public int currentLimit() {
        return UNBOUNDED;
    }
}
