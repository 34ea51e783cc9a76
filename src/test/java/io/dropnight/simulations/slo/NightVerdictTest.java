package io.dropnight.simulations.slo;

import io.dropnight.metrics.LagLog;
import io.dropnight.runfolder.RunVerdict;
import io.dropnight.runfolder.SloResult;
import io.dropnight.runfolder.VerdictRules;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The night's verdict from its figures alone, in milliseconds: what whole nights in child JVMs
 * used to be the only proof of (InconclusiveInjectorTest keeps one night per cause).
 */
class NightVerdictTest {
    private static final long START = 1_765_000_000_000L;
    private static final SloResult ERROR_PAGES_OK = SloResult.atMost(NightSlos.ERROR_PAGE_RATE, "error pages", 1, 0.4, "%");
    private static final SloResult ERROR_PAGES_FAILED = SloResult.atMost(NightSlos.ERROR_PAGE_RATE, "error pages", 1, 2.1, "%");
    private static final SloResult PLAYBACK_OK = SloResult.atMost(NightSlos.PLAYBACK_START_P99, "p99", 800, 190, "ms");
    private static final SloResult PLAYBACK_FAILED = SloResult.atMost(NightSlos.PLAYBACK_START_P99, "p99", 800, 900, "ms");
    private static final String GAP = "client and service disagree at playback-start: client p99 623 ms, service 156 ms";

    private static NightVerdict.Figures figures(List<SloResult> slos, List<String> saturations, Optional<String> gap,
                                                long injectorErrors, List<LagLog.Sample> lag) {
        return new NightVerdict.Figures(slos, saturations, gap, injectorErrors,
                injectorErrors > 0 ? Optional.of("injector error in choose-episode: boom") : Optional.empty(), lag, START, 500);
    }

    private static LagLog.Sample lag(int second, double ms) {
        return new LagLog.Sample(START + second * 1000L, 1000, ms, ms, 10);
    }

    @Test
    void withNothingInDoubtTheSlosDecide() {
        assertEquals(RunVerdict.PASS, NightVerdict.decide(figures(List.of(ERROR_PAGES_OK, PLAYBACK_OK), List.of(),
                Optional.empty(), 0, List.of(lag(3, 80)))).report().verdict());
        NightVerdict.Decision fail = NightVerdict.decide(figures(List.of(ERROR_PAGES_FAILED, PLAYBACK_OK), List.of(),
                Optional.empty(), 0, List.of()));
        assertEquals(RunVerdict.FAIL, fail.report().verdict());
        assertEquals(1, fail.report().reasons().size());
    }

    @Test
    void aStoppedNightFailsWithItsStopUnlessSomethingPutsItInDoubt() {
        String stop = VerdictRules.stopped(9, NightSlos.ERROR_PAGE_RATE, "figures");
        NightVerdict.Decision fail = NightVerdict.decide(figures(List.of(ERROR_PAGES_FAILED, PLAYBACK_OK), List.of(),
                Optional.empty(), 0, List.of()), Optional.of(stop));
        assertEquals(RunVerdict.FAIL, fail.report().verdict());
        assertEquals(stop, fail.report().reasons().get(0));
        assertEquals(2, fail.report().reasons().size());
        NightVerdict.Decision doubt = NightVerdict.decide(figures(List.of(ERROR_PAGES_FAILED, PLAYBACK_OK),
                List.of("CPU: 99 % for 5 s"), Optional.empty(), 0, List.of()), Optional.of(stop));
        assertEquals(RunVerdict.INCONCLUSIVE, doubt.report().verdict(), "a saturated injector is still named as such");
        assertTrue(doubt.report().reasons().get(0).startsWith(VerdictRules.SATURATED + "CPU"), doubt.report().reasons().toString());
        assertEquals(RunVerdict.PASS, NightVerdict.decide(figures(List.of(ERROR_PAGES_OK, PLAYBACK_OK), List.of(),
                Optional.empty(), 0, List.of()), Optional.empty()).report().verdict(), "not stopped: the SLOs decide");
    }

    @Test
    void everyCauseIsNamedAndTheSlosAreKept() {
        NightVerdict.Decision d = NightVerdict.decide(figures(List.of(ERROR_PAGES_FAILED, PLAYBACK_OK),
                List.of("open files: 18165 of 20000"), Optional.empty(), 3, List.of(lag(31, 2004))));
        assertEquals(RunVerdict.INCONCLUSIVE, d.report().verdict());
        List<String> reasons = d.report().reasons();
        assertEquals(3, reasons.size(), reasons.toString());
        assertTrue(reasons.get(0).startsWith(VerdictRules.SATURATED + "open files"), reasons.toString());
        assertTrue(reasons.get(1).startsWith(VerdictRules.INJECTOR_ERRORS + "3 injector errors"), reasons.toString());
        assertTrue(reasons.get(2).startsWith(VerdictRules.HOST_STALLED + "its loops ran 2,004 ms late at +31 s"), reasons.toString());
        assertEquals(2, d.report().slos().size());
    }

    @Test
    void aGapOnlyMattersWhenALatencySloFailedAlone() {
        NightVerdict.Decision latencyOnly = NightVerdict.decide(figures(List.of(ERROR_PAGES_OK, PLAYBACK_FAILED), List.of(),
                Optional.of(GAP), 0, List.of()));
        assertEquals(RunVerdict.INCONCLUSIVE, latencyOnly.report().verdict());
        assertTrue(latencyOnly.report().reasons().get(0).startsWith(VerdictRules.SATURATED + GAP), latencyOnly.toString());

        NightVerdict.Decision counted = NightVerdict.decide(figures(List.of(ERROR_PAGES_FAILED, PLAYBACK_FAILED), List.of(),
                Optional.of(GAP), 0, List.of()));
        assertEquals(RunVerdict.FAIL, counted.report().verdict(), "error pages are the service's own answers");
        assertEquals(1, counted.notes().size());
        assertTrue(counted.notes().get(0).startsWith("note: " + GAP), counted.notes().toString());

        assertEquals(RunVerdict.PASS, NightVerdict.decide(figures(List.of(ERROR_PAGES_OK, PLAYBACK_OK), List.of(),
                Optional.of(GAP), 0, List.of())).report().verdict(), "no latency SLO failed: the verdict stands");
    }
}
