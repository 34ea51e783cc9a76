package io.dropnight.metrics;

import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.HistogramIterationValue;

import java.util.Arrays;
import java.util.Objects;

/**
 * Latencies (microseconds) counted into {@link PrometheusHistograms#BOUNDS_SECONDS}'s buckets, with
 * their exact count and their sum: what a Prometheus histogram needs, kept from HdrHistogram's
 * interval histograms as they are taken, so that a scrape reads 14 numbers instead of walking a
 * whole histogram. A value is placed by the lowest value HdrHistogram cannot tell from it (a value recorded exactly
 * at a bound counts as at most that bound); within the histogram's precision (3 significant digits)
 * above a bound it may still count below it.
 *
 * <p>Not thread-safe: its owner adds and reads under its own lock; {@link #copy()} is what leaves.
 */
public final class BucketCounts {
    private static final double[] BOUNDS = PrometheusHistograms.BOUNDS_SECONDS.stream().mapToDouble(Double::doubleValue).toArray();

    private final long[] perBucket = new long[BOUNDS.length];
    private long count;
    private double sumSeconds;

    /** Adds every value of {@code micros} (an interval's, or a whole run's). */
    public BucketCounts add(AbstractHistogram micros) {
        Objects.requireNonNull(micros, "micros");
        if (micros.getTotalCount() == 0) {
            return this;
        }
        for (HistogramIterationValue v : micros.recordedValues()) {
            double seconds = micros.lowestEquivalentValue(v.getValueIteratedTo()) / 1_000_000.0;
            int i = Arrays.binarySearch(BOUNDS, seconds);
            // the first bound at or above the value; +Inf catches the rest
            perBucket[i >= 0 ? i : Math.min(BOUNDS.length - 1, -i - 1)] += v.getCountAtValueIteratedTo();
        }
        count += micros.getTotalCount();
        sumSeconds += micros.getMean() * micros.getTotalCount() / 1_000_000.0;
        return this;
    }

    /** Values counted, exactly. */
    public long count() {
        return count;
    }

    /** An independent copy. */
    public BucketCounts copy() {
        BucketCounts c = new BucketCounts();
        System.arraycopy(perBucket, 0, c.perBucket, 0, perBucket.length);
        c.count = count;
        c.sumSeconds = sumSeconds;
        return c;
    }

    /** As one data point of a histogram in seconds. */
    public HistogramSnapshot.HistogramDataPointSnapshot dataPoint(Labels labels) {
        return HistogramSnapshot.HistogramDataPointSnapshot.builder()
                .classicHistogramBuckets(ClassicHistogramBuckets.of(BOUNDS, perBucket.clone()))
                .sum(sumSeconds)
                .labels(Objects.requireNonNull(labels, "labels"))
                .build();
    }
}
