package io.dropnight.capacity;

import io.dropnight.core.Endpoint;
import org.HdrHistogram.Histogram;

import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Test driver: open-model Poisson arrivals per endpoint against a backend on a {@link VirtualClock},
 * recording each verdict and the virtual response time (arrival to answer). Arrivals do not wait
 * for answers, as on release night. Single-threaded, like the clock.
 */
public final class OpenWorkload {
    private final VirtualClock clock;
    private final ModelledBackend backend;
    private final SplittableRandom random;
    private final Map<Endpoint, Tally> tallies = new EnumMap<>(Endpoint.class);
    private Function<Endpoint, String> cacheKeys = e -> null;

    /** Counts and latencies of one endpoint. */
    public static final class Tally {
        public long offered;
        public long served;
        public long rejected;
        public long failed;
        public long latencySumNanos;
        /** Response times of served requests, nanoseconds, 3 significant digits. */
        public final Histogram servedNanos = new Histogram(3);

        public double availability() {
            return offered == 0 ? 1.0 : (double) served / offered;
        }

        public double meanLatencyNanos() {
            return served == 0 ? 0 : (double) latencySumNanos / served;
        }
    }

    public OpenWorkload(VirtualClock clock, ModelledBackend backend, long seed) {
        this.clock = clock;
        this.backend = backend;
        this.random = new SplittableRandom(seed);
        for (Endpoint e : Endpoint.values()) {
            tallies.put(e, new Tally());
        }
    }

    /** Which cache key each request of an endpoint reads (default: none). */
    public OpenWorkload cacheKeys(Function<Endpoint, String> keys) {
        this.cacheKeys = keys;
        return this;
    }

    /** Schedules Poisson arrivals at {@code perSecond} from now for {@code durationNanos}. */
    public OpenWorkload offer(Endpoint endpoint, double perSecond, long durationNanos) {
        long end = clock.nanoTime() + durationNanos;
        scheduleNext(endpoint, 1e9 / perSecond, end);
        return this;
    }

    private void scheduleNext(Endpoint endpoint, double meanGapNanos, long endNanos) {
        long gap = Math.round(-Math.log1p(-random.nextDouble()) * meanGapNanos);
        if (clock.nanoTime() + gap >= endNanos) {
            return;
        }
        clock.schedule(() -> {
            arrive(endpoint);
            scheduleNext(endpoint, meanGapNanos, endNanos);
        }, gap);
    }

    /** One request now. */
    public void arrive(Endpoint endpoint) {
        Tally t = tallies.get(endpoint);
        t.offered++;
        long start = clock.nanoTime();
        backend.serve(endpoint, cacheKeys.apply(endpoint), Runnable::run, v -> {
            switch (v) {
                case SERVED -> {
                    t.served++;
                    long latency = clock.nanoTime() - start;
                    t.latencySumNanos += latency;
                    t.servedNanos.recordValue(latency);
                }
                case REJECTED -> t.rejected++;
                case FAILED -> t.failed++;
            }
        });
    }

    /** Runs the clock until every arrival is answered. */
    public OpenWorkload drain() {
        clock.runUntilIdle();
        return this;
    }

    public Tally tally(Endpoint endpoint) {
        return tallies.get(endpoint);
    }

    /** All endpoints together (histogram included). */
    public Tally total() {
        Tally sum = new Tally();
        for (Tally t : tallies.values()) {
            sum.offered += t.offered;
            sum.served += t.served;
            sum.rejected += t.rejected;
            sum.failed += t.failed;
            sum.latencySumNanos += t.latencySumNanos;
            sum.servedNanos.add(t.servedNanos);
        }
        return sum;
    }
}
