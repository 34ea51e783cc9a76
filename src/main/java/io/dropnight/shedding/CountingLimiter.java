package io.dropnight.shedding;

import io.dropnight.core.Endpoint;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The bookkeeping the counting limiters share, as concurrency-limits' {@code AbstractLimiter}
 * does for its limiters: one in-flight count, raised by a compare-and-set only while it is below
 * the bound a subclass gives for the endpoint, lowered once when the permit is released, and a
 * count of refusals. Thread-safe.
 */
abstract class CountingLimiter implements AdmissionLimiter {
    private final AtomicInteger inFlight = new AtomicInteger();
    private final LongAdder rejected = new LongAdder();

    /** The in-flight count at which a request for {@code endpoint} is refused. */
    protected abstract int boundFor(Endpoint endpoint);

    @Override
    public final Optional<Permit> acquire(Endpoint endpoint) {
        if (!tryIncrementBelow(boundFor(endpoint))) {
            rejected.increment();
            return Optional.empty();
        }
        return Optional.of(CountingPermit.of(inFlight::decrementAndGet));
    }

    @Override
    public final int inFlight() {
        return inFlight.get();
    }

    @Override
    public final long rejected() {
        return rejected.sum();
    }

    private boolean tryIncrementBelow(int bound) {
        while (true) {
            int current = inFlight.get();
            if (current >= bound) {
                return false;
            }
            if (inFlight.compareAndSet(current, current + 1)) {
                return true;
            }
        }
    }
}
