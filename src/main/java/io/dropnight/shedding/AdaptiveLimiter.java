package io.dropnight.shedding;

import com.netflix.concurrency.limits.Limiter;
import com.netflix.concurrency.limits.limit.Gradient2Limit;
import com.netflix.concurrency.limits.limiter.SimpleLimiter;
import io.dropnight.core.Checks;
import io.dropnight.core.Endpoint;

import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * Policy {@link OverloadPolicy#ADAPTIVE}: Netflix concurrency-limits' {@link Gradient2Limit} behind
 * a {@link SimpleLimiter}. The limit moves between {@code slots} (below that backend slots would
 * idle) and {@code slots + queueLimit} (the bounded queue stays the backstop), shrinking when
 * round-trip times rise above their long-term average, as they do when a slowdown starts.
 * Round-trip time is measured with the injected clock from acquire to release, so it covers
 * queueing and service, and virtual-time tests are deterministic. Thread-safe.
 */
final class AdaptiveLimiter implements AdmissionLimiter {
    /**
     * How far one round trip may exceed the long-term average before the limit shrinks. The
     * library's default (1.5) is tuned for steady service times; modelled ones are log-normal
     * with a p99 several times the median, and a single slow draw is not overload.
     */
    static final double RTT_TOLERANCE = 2.0;

    private final SimpleLimiter<Endpoint> limiter;
    private final LongAdder rejected = new LongAdder();

    /**
     * @param slots       backend slots: the lowest the limit goes, at least 1
     * @param maxInFlight slots plus queue: the highest the limit goes, at least {@code slots}
     * @param nanoClock   the clock round-trip times are measured with, in nanoseconds
     */
    AdaptiveLimiter(int slots, int maxInFlight, LongSupplier nanoClock) {
        Checks.atLeast("slots", slots, 1);
        Checks.atLeast("limit", maxInFlight, slots);
        Checks.notNull("nanoClock", nanoClock);
        Gradient2Limit limit = Gradient2Limit.newBuilder()
                .initialLimit(maxInFlight)
                .minLimit(slots)
                .maxConcurrency(maxInFlight)
                .rttTolerance(RTT_TOLERANCE)
                .build();
        this.limiter = SimpleLimiter.newBuilder()
                .named("dropnight-backend")
                .limit(limit)
                .nanoClock(nanoClock)
                .build();
    }

    @Override
    public Optional<Permit> acquire(Endpoint endpoint) {
        Optional<Limiter.Listener> listener = limiter.acquire(endpoint);
        if (listener.isEmpty()) {
            rejected.increment();
            return Optional.empty();
        }
        Limiter.Listener l = listener.get();
        return Optional.of(new CountingPermit(() -> { }) {
            @Override
            void outcome(Kind kind) {
                switch (kind) {
                    case SUCCESS -> l.onSuccess();
                    case DROPPED -> l.onDropped();
                    case IGNORED -> l.onIgnore();
                }
            }
        });
    }

    @Override
    public int inFlight() {
        return limiter.getInflight();
    }

    @Override
    public int currentLimit() {
        return limiter.getLimit();
    }

    @Override
    public long rejected() {
        return rejected.sum();
    }
}
