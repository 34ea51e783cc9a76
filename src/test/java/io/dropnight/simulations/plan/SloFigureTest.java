package io.dropnight.simulations.plan;

import io.dropnight.runfolder.RunVerdict;
import io.dropnight.runfolder.SloResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How the capacity estimate reads a probe's SLO figures: exact near the bound, censored far from it or when lost. */
class SloFigureTest {

    private static ProbeResult probe(double slots, RunVerdict verdict, List<String> reasons, SloResult... slos) {
        return new ProbeResult(slots, verdict, reasons, List.of(slos), Optional.empty(), Duration.ofMinutes(1));
    }

    @ParameterizedTest(name = "error pages {0} % against 1 %: {1} {2}")
    @CsvSource({
        "2.0, EXACT, 2.0",
        "0.25, EXACT, 0.25",
        "4.0, EXACT, 4.0",
        "10, AT_LEAST, 4",
        "0.1, AT_MOST, 0.25",
        "0, AT_MOST, 0.25",
    })
    void aFigureMoreThanFourFoldFromItsBoundSaysOnlyOnWhichSideItLies(double actual, SloFigure.Kind kind, double load) {
        SloFigure f = SloFigure.of(64, SloResult.atMost("errorPageRate", "error pages", 1.0, actual, "%")).orElseThrow();
        assertEquals(kind, f.kind());
        assertEquals(load, f.load(), 1e-12);
        assertEquals(actual, f.actual(), 1e-12, "the figure itself is kept for plan.json");
    }

    @Test
    void aMissingSampleSaysNothingWhenPassedAndFailsFarWhenFailed() {
        assertTrue(SloFigure.of(64, new SloResult("p99", "x", "<=", 800, Double.NaN, "ms", true)).isEmpty());
        SloFigure failed = SloFigure.of(64, new SloResult("p99", "x", "<=", 800, Double.NaN, "ms", false)).orElseThrow();
        assertEquals(SloFigure.Kind.AT_LEAST, failed.kind());
        assertEquals(SloFigure.WINDOW, failed.load());
    }

    @Test
    void aProbeStoppedEarlyCountsItsLostSloAsFailedAtLeastAtItsBoundAndLeavesTheOthersOut() {
        SloResult rate = SloResult.atMost("errorPageRate", "error pages", 1.0, 0.8, "%"); // below its bound when stopped
        SloResult p99 = SloResult.atMost("playbackStartP99", "p99", 800, 120, "ms");
        ProbeResult stopped = probe(60, RunVerdict.FAIL,
                List.of("stopped at +41 s: errorPageRate lost (1,234 error pages already exceed 1 % of the 100,000 requests"
                        + " the night can send at most)"), rate, p99);
        Map<String, List<SloFigure>> figures = SloFigure.of(List.of(stopped));

        assertEquals(List.of(new SloFigure(60, 0.8, 1, SloFigure.Kind.AT_LEAST, false)), figures.get("errorPageRate"));
        assertTrue(figures.get("playbackStartP99").isEmpty(), "part of a night says nothing of an SLO it did not lose");
        assertEquals(Optional.of("errorPageRate"), SloFigure.lostSlo(stopped));
    }

    @Test
    void anInconclusiveProbeAndALowerBoundSloAreLeftOut() {
        ProbeResult inconclusive = probe(60, RunVerdict.INCONCLUSIVE, List.of("load generator saturated"),
                SloResult.atMost("errorPageRate", "error pages", 1.0, 3, "%"));
        ProbeResult clean = probe(70, RunVerdict.PASS, List.of(), SloResult.atMost("errorPageRate", "error pages", 1.0, 0.5, "%"),
                new SloResult("throughput", "requests/s", ">=", 100, 150, "1/s", true));
        Map<String, List<SloFigure>> figures = SloFigure.of(List.of(inconclusive, clean));

        assertEquals(List.of(70.0), figures.get("errorPageRate").stream().map(SloFigure::value).toList());
        assertTrue(!figures.containsKey("throughput"), "only upper bounds are modelled");
    }
}
