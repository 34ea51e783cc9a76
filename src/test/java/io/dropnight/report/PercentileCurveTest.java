package io.dropnight.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class PercentileCurveTest {

    @Test
    void drawsNumberOfNinesAgainstMillisecondsUpToTheMaximum() {
        Histogram micros = new Histogram(3);
        for (int ms = 1; ms <= 1000; ms++) {
            micros.recordValue(ms * 1000L);
        }
        List<double[]> points = PercentileCurve.of(micros);
        assertEquals(0.0, points.get(0)[0], 1e-9);
        double[] last = points.get(points.size() - 1);
        assertTrue(last[0] >= 3.0, "the maximum sits at log10(count) or beyond the last percentile drawn");
        assertEquals(1000.0, last[1], 1.0);
        for (int i = 1; i < points.size(); i++) {
            assertTrue(points.get(i)[0] >= points.get(i - 1)[0], "x never goes back");
            assertTrue(points.get(i)[1] >= points.get(i - 1)[1], "latency never goes down");
        }
        double[] ninety = points.stream().filter(p -> Math.abs(p[0] - 1.0) < 1e-9).findFirst().orElseThrow();
        assertEquals(900.0, ninety[1], 1.0);
    }

    @Test
    void drawsNothingForAnEmptyHistogram() {
        assertTrue(PercentileCurve.of(new Histogram(3)).isEmpty());
    }
}
