package io.dropnight.shedding;

import io.dropnight.core.Endpoint;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Policy {@link OverloadPolicy#NONE}: admits everything, so the wait queue grows without bound
 * when the offered load exceeds capacity (the collapse the other policies prevent). Counts what is
 * in flight for /metrics. Thread-safe.
 */
final class UnboundedLimiter implements AdmissionLimiter {
    private final AtomicInteger inFlight = new AtomicInteger();

    @Override
    public Optional<Permit> acquire(Endpoint endpoint) {
        inFlight.incrementAndGet();
        return Optional.of(CountingPermit.of(inFlight::decrementAndGet));
    }

    @Override
    public int inFlight() {
        return inFlight.get();
    }

    @Override
    public int currentLimit() {
        return UNBOUNDED;
    }

    @Override
    public long rejected() {
        return 0;
    }
}
