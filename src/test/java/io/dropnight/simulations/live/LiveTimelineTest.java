package io.dropnight.simulations.live;

import io.dropnight.simulations.client.RecentLatency;
import io.dropnight.simulations.watch.InjectorSample;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The live page's timeline: per-second differences of the night's cumulative figures, a bounded window. */
class LiveTimelineTest {
    private final SteppedNightView view = new SteppedNightView();

    private static LiveReading at(SteppedNightView v, long millis) {
        return LiveReading.of(v, millis);
    }

    @Test
    void theFirstReadingIsTheBaselineAndMakesNoPoint() {
        LiveTimeline t = new LiveTimeline(10);
        assertTrue(t.add(at(view.step(5, 40, 0), 1_000)).isEmpty());
        assertEquals(List.of(), t.points());
        assertEquals(1_000, t.last().orElseThrow().atMillis(), "the latest figures are still shown");
    }

    @Test
    void aPointIsTheDifferenceOfTwoReadingsPerSecond() {
        LiveTimeline t = new LiveTimeline(10);
        t.add(at(view.step(5, 40, 0), 1_000));
        LivePoint p = t.add(at(view.step(7, 90, 10), 2_000)).orElseThrow();
        assertEquals(7, p.arrivalsPerSecond(), 1e-9);
        assertEquals(7, p.plannedPerSecond(), 1e-9);
        assertEquals(90, p.requestsPerSecond().get("ok"), 1e-9);
        assertEquals(10, p.requestsPerSecond().get("error-page"), 1e-9);
        assertEquals(10.0, p.errorPagePercent(), 1e-9, "10 error pages of the second's 100 requests");
        assertEquals(100.0 * 10 / 140, p.errorPagePercentSoFar(), 1e-9, "and of the night's 140");
        assertEquals(12, p.viewersActive());
        assertEquals(2.0, p.second(), 1e-9);
        assertEquals(2_000, p.atMillis());
    }

    @Test
    void ratesAreOverTheTimeThatReallyPassed() {
        LiveTimeline t = new LiveTimeline(10);
        t.add(at(view.step(0, 0, 0), 1_000));
        // a tick that ran 1.5 s late: 30 arrivals over 2.5 s
        LivePoint p = t.add(at(view.step(30, 50, 0), 3_500)).orElseThrow();
        assertEquals(12, p.arrivalsPerSecond(), 1e-9);
        assertEquals(20, p.requestsPerSecond().get("ok"), 1e-9);
    }

    @Test
    void aSecondWithoutRequestsHasNoErrorPageRateOfItsOwn() {
        LiveTimeline t = new LiveTimeline(10);
        t.add(at(view.step(1, 10, 5), 1_000));
        LivePoint p = t.add(at(view.step(1, 0, 0), 2_000)).orElseThrow();
        assertTrue(Double.isNaN(p.errorPagePercent()), "nothing sent in the second");
        assertEquals(100.0 * 5 / 15, p.errorPagePercentSoFar(), 1e-9);
    }

    @Test
    void aReadingWhoseClockDidNotMoveOnMakesNoPoint() {
        LiveTimeline t = new LiveTimeline(10);
        t.add(at(view.step(1, 1, 0), 1_000));
        assertTrue(t.add(at(view.step(1, 1, 0), 1_000)).isEmpty());
        LivePoint p = t.add(at(view.step(1, 1, 0), 2_000)).orElseThrow();
        assertEquals(2, p.arrivalsPerSecond(), 1e-9, "measured from the last point's reading");
    }

    @Test
    void keepsTheLastWindowOfPointsOldestFirst() {
        LiveTimeline t = new LiveTimeline(LiveTimeline.DEFAULT_SECONDS);
        for (int s = 0; s <= 130; s++) {
            t.add(at(view.step(s, 0, 0), 1_000L * s));
        }
        List<LivePoint> points = t.points();
        assertEquals(120, points.size());
        assertEquals(11_000, points.get(0).atMillis(), "the first 10 points have left");
        assertEquals(130_000, points.get(119).atMillis());
        assertEquals(130, points.get(119).arrivalsPerSecond(), 1e-9);
    }

    @Test
    void gaugesAndTheInjectorAreTheSecondReadings() {
        LiveTimeline t = new LiveTimeline(10);
        t.add(at(view, 1_000));
        view.step(3, 3, 0).playing = 2;
        view.latency = new RecentLatency(5, 100, 2.5, 40, 900);
        view.injector = Optional.of(new InjectorSample(2, 310, 20_000, 45.5, 90, 0, 100, 130, 0));
        LivePoint p = t.add(at(view, 2_000)).orElseThrow();
        assertEquals(2, p.viewersPlaying());
        assertEquals(900, p.p99Ms(), 1e-9);
        assertEquals(45.5, p.cpuPercent(), 1e-9);
        assertEquals(310, p.openFiles(), 1e-9);
        assertEquals(30, p.lagViewers(), 1e-9, "planned 130, started 100");
    }

    @Test
    void withoutAnInjectorSampleOrLatencyTheirFiguresDoNotExist() {
        LiveTimeline t = new LiveTimeline(10);
        t.add(at(view, 1_000));
        LivePoint p = t.add(at(view.step(1, 1, 0), 2_000)).orElseThrow();
        assertFalse(Double.isFinite(p.cpuPercent()));
        assertFalse(Double.isFinite(p.lagViewers()));
        assertFalse(Double.isFinite(p.p50Ms()));
    }

    @Test
    void refusesAWindowTooShortToDrawALine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new LiveTimeline(1));
        assertEquals("a live timeline keeps at least 2 points, not 1", e.getMessage());
    }
}
