package io.dropnight.simulations.slo;

import io.dropnight.runfolder.SloResult;
import io.dropnight.simulations.client.ClientMetrics;
import io.dropnight.simulations.params.SloThresholds;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The SLOs evaluated exactly on client-side data, with literal expected values. HdrHistogram
 * reports a percentile as the highest value equivalent to the sample at 3 significant digits, so
 * 250,000 µs reads back as 250.111 ms (bucket width 128 µs there) and 900,000 µs as 900.095 ms.
 */
class NightSlosTest {
    private static final SloThresholds THRESHOLDS = new SloThresholds(800, 3_000, 1.0, 0.5);
    private final NightSlos slos = new NightSlos("finale-drop", THRESHOLDS);

    @Test
    void aNightWithinEveryThresholdPassesEverySlo() {
        Histogram playbackStart = samples(100, 250_000);
        Histogram timeToPlay = samples(100, 2_000_000);
        ClientMetrics.Counts counts = new ClientMetrics.Counts(100, 400, 2, 0, 2, 0, 100);

        List<SloResult> results = slos.evaluate(playbackStart, timeToPlay, counts);

        assertEquals(List.of(
                new SloResult("playbackStartP99", "finale-drop/playback-start p99", "<=", 800, 250.111, "ms", true),
                new SloResult("timeToPlayP95", "finale-drop/time-to-play p95", "<=", 3_000, 2_000.895, "ms", true),
                new SloResult("errorPageRate", "finale-drop error pages per request", "<=", 1.0, 0.5, "%", true),
                new SloResult("abandonment", "finale-drop viewers who gave up", "<=", 0.5, 0.0, "%", true)), results);
    }

    @Test
    void aBreachedNightFailsEachSloItBreaches() {
        Histogram playbackStart = samples(95, 250_000);
        playbackStart.recordValueWithCount(900_000, 5);
        Histogram timeToPlay = samples(100, 4_000_000);
        // 6 error pages in 400 requests; 2 of 80 play intents abandoned.
        ClientMetrics.Counts counts = new ClientMetrics.Counts(80, 400, 6, 1, 9, 2, 78);

        List<SloResult> results = slos.evaluate(playbackStart, timeToPlay, counts);

        assertEquals(List.of(
                new SloResult("playbackStartP99", "finale-drop/playback-start p99", "<=", 800, 900.095, "ms", false),
                new SloResult("timeToPlayP95", "finale-drop/time-to-play p95", "<=", 3_000, 4_001.791, "ms", false),
                new SloResult("errorPageRate", "finale-drop error pages per request", "<=", 1.0, 1.5, "%", false),
                new SloResult("abandonment", "finale-drop viewers who gave up", "<=", 0.5, 2.5, "%", false)), results);
    }

    @Test
    void noSampleIsAFailureNotAFlatteringZero() {
        List<SloResult> results = slos.evaluate(ClientMetrics.newHistogram(), ClientMetrics.newHistogram(),
                new ClientMetrics.Counts(0, 0, 0, 0, 0, 0, 0));
        assertEquals(Double.POSITIVE_INFINITY, results.get(0).actual());
        assertEquals(false, results.get(0).passed());
        assertEquals(Double.POSITIVE_INFINITY, results.get(1).actual());
        assertEquals(false, results.get(1).passed());
        assertEquals(0.0, results.get(2).actual(), "nothing sent, no error page");
        assertEquals(0.0, results.get(3).actual(), "nobody ended a play intent, nobody gave up");
    }

    @Test
    void aValueOnTheThresholdPasses() {
        // 800 ms exactly is not representable at 3 digits (800,000 µs reads 800.255 ms): use the
        // error-page rate, whose counters are exact: 4 in 400 is 1.0 %.
        SloResult rate = slos.evaluate(samples(1, 1_000), samples(1, 1_000),
                new ClientMetrics.Counts(1, 400, 4, 0, 0, 0, 1)).get(2);
        assertEquals(1.0, rate.actual());
        assertEquals(true, rate.passed());
    }

    private static Histogram samples(long count, long micros) {
        Histogram h = ClientMetrics.newHistogram();
        h.recordValueWithCount(micros, count);
        return h;
    }
}
