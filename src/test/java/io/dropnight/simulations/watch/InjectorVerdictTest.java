package io.dropnight.simulations.watch;

import io.dropnight.simulations.nights.Journey;
import io.dropnight.simulations.nights.NightPlan;
import io.dropnight.simulations.nights.Phase;
import io.dropnight.simulations.nights.Population;
import io.dropnight.simulations.params.InjectorBounds;
import io.dropnight.simulations.params.Night;
import io.dropnight.simulations.params.ParameterException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.List;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The load generator's bounds, read on literal samples: each cause with its when and its figure. */
class InjectorVerdictTest {
    private static final InjectorBounds DEFAULTS = InjectorBounds.defaults();

    private static InjectorSample second(long s, long fds, double cpu, long gcMs, long started, long planned, long noResponse) {
        return new InjectorSample(s, fds, 700, cpu, 0, gcMs, started, planned, noResponse);
    }

    @Test
    void theStatedDefaults() {
        assertEquals(new InjectorBounds(90, 95, 3, 250, 1, Duration.ofSeconds(1), 3, 3, 100, 0, 0, 0, Duration.ofSeconds(10), 1000), DEFAULTS);
    }

    @Test
    void aHealthyInjectorIsNotSaturated() {
        InjectorVerdict v = new InjectorVerdict(DEFAULTS, 1000);
        v.accept(second(1, 630, 94.9, 250, 100, 100, 0));
        v.accept(second(2, 300, 96, 10, 500, 505, 0));
        v.accept(second(3, 300, 96, 10, 990, 1000, 0));
        assertFalse(v.saturated(), v.saturations().toString());
    }

    @Test
    void openFilesPastNinetyPercentOfTheLimitAreTheFdCause() {
        InjectorVerdict v = new InjectorVerdict(DEFAULTS, 1000);
        v.accept(second(4, 631, 20, 0, 100, 100, 0));
        v.accept(second(5, 700, 20, 0, 100, 100, 1234));
        assertEquals(List.of("open files: 631 open of a limit of 700 (90.1 %, bound 90 %) at +4 s, 2 s past the bound in all;"
                + " 1234 requests got no response meanwhile"), v.saturations());
    }

    @Test
    void cpuCountsOnlyAfterItsSecondsInARow() {
        InjectorVerdict v = new InjectorVerdict(DEFAULTS, 1000);
        v.accept(second(1, 10, 99, 0, 0, 0, 0));
        v.accept(second(2, 10, 99, 0, 0, 0, 0));
        v.accept(second(3, 10, 50, 0, 0, 0, 0));
        v.accept(second(4, 10, 95, 0, 0, 0, 0));
        v.accept(second(5, 10, 97, 0, 0, 0, 0));
        assertFalse(v.saturated(), "two seconds, a break, two seconds");
        v.accept(second(6, 10, 98.5, 0, 0, 0, 0));
        assertEquals(List.of("CPU: 98.5 % of all cores for 3 s (bound 95 % for 3 s) at +6 s, 1 s past the bound in all"),
                v.saturations());
    }

    @Test
    void oneSaturatedThreadIsItsOwnCauseWhileTheProcessLooksIdle() {
        InjectorVerdict v = new InjectorVerdict(DEFAULTS, 1000);
        for (int s = 1; s <= 3; s++) {
            v.accept(new InjectorSample(s, 10, 700, 50.0, 99.0, 0, 0, 0, 0));
        }
        assertEquals(List.of("one thread's CPU: 99.0 % of a core for 3 s (bound 95 % for 3 s) at +3 s, 1 s past the bound in all"),
                v.saturations());
    }

    @Test
    void gcAndInjectionLagAreTheirOwnCauses() {
        InjectorVerdict v = new InjectorVerdict(DEFAULTS, 1000);
        v.accept(second(5, 10, 10, 0, 300, 311, 0));
        v.accept(second(6, 10, 10, 0, 350, 361, 0));
        v.accept(second(7, 10, 10, 0, 400, 405, 0));
        assertFalse(v.saturated(), "two seconds late, then within the bound");
        v.accept(second(8, 10, 10, 0, 450, 461, 0));
        v.accept(second(9, 10, 10, 0, 500, 511, 0));
        v.accept(second(10, 10, 10, 251, 550, 561, 0));
        assertEquals(List.of("GC: 251 ms of GC in one second (bound 250 ms/s) at +10 s, 1 s past the bound in all",
                "injection lag: 550 viewers started, 561 planned 1 s earlier: 11 behind for 3 s (bound 1 % of 1000 arrivals"
                        + " for 3 s) at +10 s, 1 s past the bound in all"), v.saturations());
    }

    /** One second of transport errors, the injector otherwise at rest unless {@code cpu} says otherwise. */
    private static InjectorSample errors(long s, double cpu, long fd, long port, long refused, long connectFailed) {
        return new InjectorSample(s, 10, 700, cpu, 0, 0, 0, 0, fd + port + refused + connectFailed, fd, port, refused,
                connectFailed, 0);
    }

    @Test
    void anyRequestFailedForLackOfADescriptorOrAPortIsItsOwnCause() {
        InjectorVerdict v = new InjectorVerdict(DEFAULTS, 1000);
        v.accept(errors(3, 10, 0, 0, 0, 0));
        assertFalse(v.saturated());
        v.accept(errors(4, 10, 1, 0, 0, 0));
        v.accept(errors(5, 10, 40, 0, 0, 0));
        v.accept(errors(6, 10, 0, 2, 0, 0));
        v.example(InjectorVerdict.Cause.OUT_OF_FILES, "java.io.IOException: newSocketStream(..) failed: Too many open files");
        assertEquals(List.of("out of open files: 1 requests failed for lack of a file descriptor in one second (bound 0/s)"
                        + " at +4 s, 2 s past the bound in all; 41 such requests in those seconds;"
                        + " first: java.io.IOException: newSocketStream(..) failed: Too many open files",
                "out of ephemeral ports: 2 requests failed for lack of an ephemeral port in one second (bound 0/s) at +6 s,"
                        + " 1 s past the bound in all; 2 such requests in those seconds"), v.saturations());
    }

    @Test
    void portErrorsWithinTheirStatedBoundAreNotACause() {
        Properties p = new Properties();
        p.setProperty(InjectorBounds.PORT_ERRORS_PER_SECOND, "5");
        InjectorVerdict v = new InjectorVerdict(InjectorBounds.fromProperties(p), 1000);
        v.accept(errors(1, 10, 0, 5, 0, 0));
        assertFalse(v.saturated(), "5 a second is within a bound of 5");
        v.accept(errors(2, 10, 0, 6, 0, 0));
        assertTrue(v.saturations().get(0).startsWith("out of ephemeral ports: 6 requests failed"), v.saturations().toString());
    }

    /** A dead or overloaded target refuses connects: its FAIL must not become the injector's INCONCLUSIVE. */
    @Test
    void refusedConnectsAreTheTargetsAndNeverACause() {
        InjectorVerdict v = new InjectorVerdict(DEFAULTS, 1000);
        v.accept(errors(1, 10, 0, 0, 5000, 0));
        v.accept(errors(2, 99, 0, 0, 5000, 0));
        assertFalse(v.saturated(), v.saturations().toString());
    }

    @Test
    void connectTimeoutsCountOnlyWithinTheirWindowOfASecondTheInjectorWasPastAFigureOfItsOwn() {
        InjectorVerdict v = new InjectorVerdict(DEFAULTS, 1000);
        v.accept(errors(1, 10, 0, 0, 0, 300));
        assertFalse(v.saturated(), "timeouts from an idle injector are the target's");
        v.accept(errors(2, 96, 0, 0, 0, 0));
        assertFalse(v.saturated(), "one second of CPU is not the CPU cause");
        for (int s = 3; s <= 11; s++) {
            v.accept(errors(s, 10, 0, 0, 0, 0));
        }
        v.accept(errors(12, 10, 0, 0, 0, 30));
        v.accept(errors(13, 10, 0, 0, 0, 40));
        assertEquals(List.of("connect failures while saturated: 30 connects timed out or unreachable in one second, the"
                + " injector past its own CPU at +2 s (bound 0/s within 10 s of such a second) at +12 s, 1 s past the bound"
                + " in all; 30 such requests in those seconds"), v.saturations(),
                "a connect timing out at +12 s began at +2 s, when the injector's CPU was full; at +13 s, after it");
    }

    @Test
    void flagsSetTheBoundsAndABadOneIsOneLine() {
        Properties p = new Properties();
        p.setProperty(InjectorBounds.FD_PERCENT, "50");
        p.setProperty(InjectorBounds.LAG_GRACE, "500ms");
        InjectorBounds b = InjectorBounds.fromProperties(p);
        assertEquals(50, b.fdPercent());
        assertEquals(Duration.ofMillis(500), b.lagGrace());
        p.setProperty(InjectorBounds.CPU_PERCENT, "lots");
        ParameterException e = assertThrows(ParameterException.class, () -> InjectorBounds.fromProperties(p));
        assertEquals("injector.cpuPercent = lots: must be a number such as 0.5 or 20", e.getMessage());
        p.remove(InjectorBounds.CPU_PERCENT);
        p.setProperty(InjectorBounds.SERVICE_GAP_FACTOR, "5");
        p.setProperty(InjectorBounds.SERVICE_GAP_MS, "250");
        assertEquals(5, InjectorBounds.fromProperties(p).serviceGapFactor());
        assertEquals(250, InjectorBounds.fromProperties(p).serviceGapMs());
        p.setProperty(InjectorBounds.SERVICE_GAP_FACTOR, "0.5");
        e = assertThrows(ParameterException.class, () -> InjectorBounds.fromProperties(p));
        assertTrue(e.getMessage().startsWith("injector.serviceGapFactor = 0.5: "), e.getMessage());
        Properties q = new Properties();
        q.setProperty(InjectorBounds.FD_ERRORS_PER_SECOND, "-1");
        e = assertThrows(ParameterException.class, () -> InjectorBounds.fromProperties(q));
        assertEquals("injector.fdErrorsPerSecond = -1: must be a whole number from 0 to 1000000", e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"0, 0", "1000, 0", "5500, 50", "10000, 100", "12000, 100", "13000, 300", "20000, 300"})
    void plannedArrivalsFollowRampsAndCountAStressPeakOnceItEnds(long elapsedMs, long expected) {
        NightPlan plan = new NightPlan(Night.FINALE_DROP, Duration.ofSeconds(10), List.of(new Population("waiting",
                Journey.WAIT_FOR_DROP, List.of(Phase.nothing("quiet", Duration.ofSeconds(1)),
                        Phase.ramp("early", 100, Duration.ofSeconds(9)), Phase.stressPeak("drop", 200, Duration.ofSeconds(3))),
                1, 0, Duration.ofSeconds(10))), Duration.ZERO);
        assertEquals(expected, new PlannedArrivals(plan).by(Duration.ofMillis(elapsedMs)));
        assertEquals(Duration.ofSeconds(1), new PlannedArrivals(plan).firstArrival(), "after the quiet second");
        assertTrue(new PlannedArrivals(plan).anyOpen());
    }

    @Test
    void viewersHeldAreTheFreeDescriptorsAtOneEach() {
        assertEquals(19_900, FileLimits.viewersHeld(20_000, 100));
        assertTrue(FileLimits.describe(java.util.OptionalLong.of(1024), java.util.OptionalLong.of(4096), 24, 5000)
                .contains("soft limit 1024, hard 4096, 24 open now: this injector can hold about 1,000 concurrent viewers"));
    }
}
