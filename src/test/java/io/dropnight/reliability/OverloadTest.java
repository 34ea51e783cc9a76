package io.dropnight.reliability;

import io.dropnight.reliability.load.Arrivals;
import io.dropnight.reliability.load.OverloadBench;
import io.netty.util.ResourceLeakDetector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The short CI version of the overload sweep (the full one is scripts/overload-sweep.sh): at 5x
 * the modelled capacity, the shedding policies keep goodput at 90 % of capacity and answer the
 * excess fast; without a policy the collapse is visible; under a 12x browse surge, priority keeps
 * playback starts available.
 */
@Tag("overload")
class OverloadTest {
    private static final Duration CELL = Duration.ofSeconds(2);
    private static final long SEED = 2026;
    /** Error pages are answered at once: within this much of the client's own send lag. */
    private static final double ERROR_PAGE_BOUND_MS = 20;
    /** Above this send lag (p99) the load generator itself was late: a busy machine. */
    private static final double MAX_CLIENT_LAG_MS = 10;
    /**
     * Above this send lag (p99) the machine stalled the generator for a good part of the 2-s cell (and
     * with it, on two cores, the service): the level was not offered as modelled and the cell is not counted.
     */
    private static final double STALLED_CLIENT_LAG_P99_MS = 100;
    /** Cells measured, at most, for one policy before a generator that never kept time fails the test. */
    private static final int TRIES = 3;
    private static final AtomicInteger CELLS = new AtomicInteger();
    private static final AtomicInteger LAGGED_CELLS = new AtomicInteger();
    private static ResourceLeakDetector.Level leakLevel;

    @TempDir
    static Path runRoot;

    @BeforeAll
    static void sampleLeaks() {
        // Paranoid tracking records a stack trace per buffer access: at 1,000 requests/s it would
        // measure the detector, not the service. Sampled detection (SIMPLE, about 1 buffer in 128)
        // still reports leaks here, and LeakGuard still fails the class on one. README says so.
        leakLevel = ResourceLeakDetector.getLevel();
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.SIMPLE);
    }

    @AfterAll
    static void restoreLeakLevelAndReportLag() {
        ResourceLeakDetector.setLevel(leakLevel);
        System.out.printf(Locale.ROOT, "OverloadTest: the error-page p99 check was skipped in %d of %d cells "
                + "(load generator lagged, send lag p99 >= %.0f ms); the p50 check ran in all%n", LAGGED_CELLS.get(),
                CELLS.get(), MAX_CLIENT_LAG_MS);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"fixed", "adaptive", "priority"})
    void keepsGoodputAtCapacityAndShedsFastAtFiveTimesCapacity(String policy) throws Exception {
        OverloadBench.Level l = keptTime(policy);
        assertTrue(l.goodputShareOfCapacity() >= 0.9, () -> "goodput below 90 % of capacity: " + l.row());
        // Latency runs from the intended send time, so a generator that was late (a busy 2-core
        // machine) adds its own lag. The median holds on a busy machine: a typical error page
        // takes less than 20 ms beyond the typical lag (a shed that waited for a slot would add
        // the 20 ms service time and more).
        CELLS.incrementAndGet();
        assertTrue(l.errorPageP50Ms() < ERROR_PAGE_BOUND_MS + l.clientSendLagP50Ms(), () -> String.format(Locale.ROOT,
                "error pages are not fast: p50 %.1f ms with a send lag p50 of %.1f ms: %s", l.errorPageP50Ms(),
                l.clientSendLagP50Ms(), l.row()));
        // The tail only when the generator kept time: stalls of a busy machine land in both tails.
        if (l.clientSendLagP99Ms() >= MAX_CLIENT_LAG_MS) {
            LAGGED_CELLS.incrementAndGet();
            System.out.printf(Locale.ROOT, "OverloadTest: %s: p99 check skipped, the load generator lagged "
                    + "(send lag p99 %.1f ms >= %.0f ms)%n", policy, l.clientSendLagP99Ms(), MAX_CLIENT_LAG_MS);
            return;
        }
        assertTrue(l.errorPageP99Ms() < ERROR_PAGE_BOUND_MS, () -> "error pages are not fast at p99: " + l.row());
    }

    /**
     * A cell measured while the load generator kept its own time: a cell whose sends ran more than
     * {@link #STALLED_CLIENT_LAG_P99_MS} late at p99 did not offer 5x capacity as modelled (a busy machine
     * bunched the arrivals and stalled the service too), so its goodput says nothing of the policy. Such a cell is measured again, at most
     * {@link #TRIES} times in all; if the generator never kept time the test fails saying so.
     */
    private static OverloadBench.Level keptTime(String policy) throws Exception {
        OverloadBench.Level l = null;
        for (int t = 1; t <= TRIES; t++) {
            l = OverloadBench.level(runRoot, policy, 5, CELL, Arrivals.Shape.POISSON, SEED + t - 1);
            System.out.println(OverloadBench.Level.header() + "\n" + l.row());
            if (l.clientSendLagP99Ms() <= STALLED_CLIENT_LAG_P99_MS) {
                return l;
            }
            System.out.printf(Locale.ROOT, "OverloadTest: %s: try %d of %d not counted, the load generator lagged "
                    + "(send lag p99 %.1f ms > %.0f ms)%n", policy, t, TRIES, l.clientSendLagP99Ms(), STALLED_CLIENT_LAG_P99_MS);
        }
        OverloadBench.Level last = l;
        throw new AssertionError(String.format(Locale.ROOT, "inconclusive: in %d tries the load generator never kept time "
                + "(last send lag p99 %.1f ms > %.0f ms): the machine was too busy to offer 5x capacity: %s", TRIES,
                last.clientSendLagP99Ms(), STALLED_CLIENT_LAG_P99_MS, last.row()));
    }

    @Test
    void collapsesWithoutAPolicy() throws Exception {
        OverloadBench.Level l = OverloadBench.level(runRoot, "none", 5, CELL, Arrivals.Shape.POISSON, SEED);
        System.out.println(OverloadBench.Level.header() + "\n" + l.row());
        assertTrue(l.goodputShareOfCapacity() < 0.6 || l.okP99Ms() > 500,
                () -> "without admission control the collapse should show: " + l.row());
    }

    @Test
    void priorityKeepsPlaybackStartsAvailableUnderATwelveFoldBrowseSurge() throws Exception {
        OverloadBench.Surge s = OverloadBench.surge(runRoot, "priority", Duration.ofSeconds(3),
                Arrivals.Shape.POISSON, SEED);
        System.out.println(OverloadBench.Surge.header() + "\n" + s.row());
        assertTrue(s.playbackAvailability() >= 0.995, () -> "playback availability under the surge: " + s.row());
    }
}
