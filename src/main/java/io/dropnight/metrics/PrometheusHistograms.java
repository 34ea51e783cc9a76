package io.dropnight.metrics;

import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import org.HdrHistogram.AbstractHistogram;

import java.util.List;

/**
 * Latencies recorded in HdrHistogram (microseconds) given to Prometheus as classic histograms, for
 * the injectors' and the service's live metrics alike: one list of bucket bounds, so that a
 * dashboard's {@code histogram_quantile} reads both sides on the same scale.
 *
 * <p>Classic buckets, not native ones: Prometheus 2.42 (Debian's) reads native histograms only over
 * protobuf and behind a feature flag. A bucket's count is HdrHistogram's count of values at most its
 * bound, exact to the histogram's precision (3 significant digits: a value within 0.1 % of a bound
 * may fall on either side of it); {@code _count} is exact; {@code _sum} is HdrHistogram's mean times
 * the count, exact to the same precision. {@link BucketCounts} does the counting, for both.
 *
 * <p>Stateless and thread-safe; the histogram given must not be recorded into while it is read.
 */
public final class PrometheusHistograms {
    /**
     * Upper bounds of the buckets, seconds, from 5 ms to a minute, plus {@code +Inf}: the release
     * night's SLO bounds (playback start p99 at 1 s, time to play p95 at 10 s) fall on bounds.
     */
    public static final List<Double> BOUNDS_SECONDS = List.of(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
            30.0, 60.0, Double.POSITIVE_INFINITY);

    private PrometheusHistograms() {
    }

    /**
     * One data point of a histogram in seconds.
     *
     * @param micros the recorded values, microseconds
     * @param labels the data point's labels
     */
    public static HistogramSnapshot.HistogramDataPointSnapshot dataPoint(AbstractHistogram micros, Labels labels) {
        return new BucketCounts().add(micros).dataPoint(labels);
    }
}
