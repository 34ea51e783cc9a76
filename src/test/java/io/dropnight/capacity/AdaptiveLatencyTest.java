package io.dropnight.capacity;

import io.dropnight.core.Endpoint;
import io.dropnight.shedding.OverloadPolicy;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Locale;

import static io.dropnight.capacity.Models.seconds;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What policy {@code adaptive} is for, in modelled time (deterministic, whatever the machine's
 * load): under a sustained overload it keeps ok-latency near the no-load latency, where
 * {@code fixed} fills its whole bounded queue, and still serves at least 95 % of capacity.
 * The model is the overload sweep's (docs/RELIABILITY.md): 4 slots × fixed 20 ms = 200 requests/s,
 * queue 16, so {@code fixed} answers in up to 100 ms once the queue is full.
 */
class AdaptiveLatencyTest {
    private static final CapacityModel SWEEP_MODEL = Models.uniform(4, 16, "fixed:20ms");
    private static final double CAPACITY_PER_SECOND = 200;
    private static final long SERVICE_NANOS = seconds(0.020);
    private static final double RUN_SECONDS = 20;

    private static OpenWorkload.Tally run(OverloadPolicy policy, double load) {
        VirtualClock clock = new VirtualClock();
        VirtualBackend backend = new VirtualBackend(policy, SWEEP_MODEL, clock, 7);
        return new OpenWorkload(clock, backend, 2026)
                .offer(Endpoint.HOME, load * CAPACITY_PER_SECOND, seconds(RUN_SECONDS)).drain().total();
    }

    private static String describe(String policy, OpenWorkload.Tally t) {
        return String.format(Locale.ROOT, "%s: goodput %.1f/s, ok p50 %.1f ms, ok p99 %.1f ms, rejected %d of %d",
                policy, t.served / RUN_SECONDS, t.servedNanos.getValueAtPercentile(50) / 1e6,
                t.servedNanos.getValueAtPercentile(99) / 1e6, t.rejected, t.offered);
    }

    @ParameterizedTest(name = "{0}x capacity")
    @ValueSource(doubles = {2, 5, 10})
    void holdsOkLatencyNearTheNoLoadLatencyUnderSustainedOverloadWhereFixedFillsItsQueue(double load) {
        OpenWorkload.Tally adaptive = run(OverloadPolicy.ADAPTIVE, load);
        OpenWorkload.Tally fixed = run(OverloadPolicy.FIXED, load);
        String both = describe("adaptive", adaptive) + "; " + describe("fixed", fixed);
        System.out.println(load + "x: " + both);

        // No-load latency is one service time; the stated margin is one more: at most `slots`
        // requests wait, so each waits at most one service time.
        long adaptiveP99 = adaptive.servedNanos.getValueAtPercentile(99);
        assertTrue(adaptiveP99 <= 2 * SERVICE_NANOS * 1.01, "ok p99 beyond no-load + one service time: " + both);
        assertTrue(adaptiveP99 * 2 <= fixed.servedNanos.getValueAtPercentile(99),
                "adaptive's ok p99 is not clearly below fixed's: " + both);
        assertTrue(adaptive.served / RUN_SECONDS >= 0.95 * CAPACITY_PER_SECOND, "goodput below 95 % of capacity: " + both);
    }

    @ParameterizedTest(name = "{0}x capacity")
    @ValueSource(doubles = {0.3, 0.5})
    void rejectsAlmostNothingWellBelowCapacity(double load) {
        // It starts at slots + half the slots and grows only once it has seen the queue empty at
        // its limit, so a rare early burst can meet it: a few requests in a thousand at most.
        OpenWorkload.Tally adaptive = run(OverloadPolicy.ADAPTIVE, load);
        assertTrue(adaptive.rejected <= adaptive.offered / 200, describe("adaptive", adaptive));
    }
}
