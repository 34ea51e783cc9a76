package io.dropnight.shedding;

import io.dropnight.core.Endpoint;
import io.dropnight.core.Checks;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Policy {@link OverloadPolicy#FIXED}: admits while fewer than {@code limit} requests are in
 * flight (slots plus wait queue), and rejects at once beyond it. Thread-safe.
 */
final class FixedLimiter implements AdmissionLimiter {
    private final int limit;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final LongAdder rejected = new LongAdder();

    /** @param limit the in-flight bound, at least 1 */
    FixedLimiter(int limit) {
        this.limit = Checks.atLeast("limit", limit, 1);
    }

    @Override
    public Optional<Permit> acquire(Endpoint endpoint) {
        if (!InFlight.tryIncrementBelow(inFlight, limit)) {
            rejected.increment();
            return Optional.empty();
        }
        return Optional.of(CountingPermit.of(inFlight::decrementAndGet));
    }

    @Override
    public int inFlight() {
        return inFlight.get();
    }

    @Override
    public int currentLimit() {
        return limit;
    }

    @Override
    public long rejected() {
        return rejected.sum();
    }
}
