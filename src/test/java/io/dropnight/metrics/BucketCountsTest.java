package io.dropnight.metrics;

import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class BucketCountsTest {

    private static Histogram micros(long... values) {
        Histogram h = new Histogram(3_600_000_000L, 3);
        for (long v : values) {
            h.recordValue(v);
        }
        return h;
    }

    private static long countIn(HistogramSnapshot.HistogramDataPointSnapshot p, double bound) {
        ClassicHistogramBuckets b = p.getClassicBuckets();
        for (int i = 0; i < b.size(); i++) {
            if (b.getUpperBound(i) == bound) {
                return b.getCount(i);
            }
        }
        throw new AssertionError("no bucket " + bound);
    }

    @Test
    void aValueExactlyOnABoundCountsAsAtMostIt() {
        HistogramSnapshot.HistogramDataPointSnapshot p = new BucketCounts().add(micros(1_000_000)).dataPoint(Labels.EMPTY);
        assertEquals(1, countIn(p, 1.0));
        assertEquals(0, countIn(p, 2.5));
    }

    @Test
    void placesEachValueInTheFirstBucketAtOrAboveIt() {
        // 3 ms, 7 ms, 40 ms, 40 ms, 2 s, 2 minutes
        HistogramSnapshot.HistogramDataPointSnapshot p = new BucketCounts()
                .add(micros(3_000, 7_000, 40_000, 40_000, 2_000_000, 120_000_000)).dataPoint(Labels.EMPTY);
        assertEquals(1, countIn(p, 0.005));
        assertEquals(1, countIn(p, 0.01));
        assertEquals(2, countIn(p, 0.05));
        assertEquals(1, countIn(p, 2.5));
        assertEquals(1, countIn(p, Double.POSITIVE_INFINITY));
        assertEquals(6, p.getCount());
    }

    @Test
    void intervalsAddUpToTheirExactCountAndSum() {
        BucketCounts b = new BucketCounts();
        b.add(micros(10_000, 20_000));
        b.add(micros());
        b.add(micros(30_000));
        assertEquals(3, b.count());
        HistogramSnapshot.HistogramDataPointSnapshot p = b.dataPoint(Labels.of("endpoint", "home"));
        assertEquals(0.06, p.getSum(), 0.06 * 0.001);
        assertEquals(3, p.getCount());
    }

    @Test
    void aCopyDoesNotMoveWithItsOriginal() {
        BucketCounts b = new BucketCounts().add(micros(1_000));
        BucketCounts copy = b.copy();
        b.add(micros(2_000));
        assertEquals(1, copy.count());
        assertEquals(2, b.count());
    }
}
