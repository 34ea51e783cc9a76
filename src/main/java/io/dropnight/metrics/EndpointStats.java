package io.dropnight.metrics;

import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.PackedHistogram;
import org.HdrHistogram.Recorder;

/**
 * Everything recorded for one (scenario, endpoint): an interval {@link Recorder} per outcome (drained
 * by {@link IntervalLogWriter}), and a cumulative recorder plus counters since the last reset (read
 * by {@link ServerMetrics#snapshot()} and the Prometheus exposition). Recording is wait-free; reading
 * the cumulative part locks this object, which only those reads and reset do.
 */
final class EndpointStats {
    private final String scenario;
    private final String endpoint;
    private final AtomicReferenceArray<Recorder> intervalByOutcome =
            new AtomicReferenceArray<>(RequestOutcome.values().length);
    private final Recorder sinceReset = ServerMetrics.newRecorder();
    private final LongAdder[] countsByOutcome = new LongAdder[RequestOutcome.values().length];
    private Histogram accumulatedMicros = new PackedHistogram(ServerMetrics.SIGNIFICANT_DIGITS);
    private Histogram recycled;
    private BucketCounts bucketsSinceReset = new BucketCounts();
    private long countedAtLastDrain;

    EndpointStats(String scenario, String endpoint) {
        this.scenario = scenario;
        this.endpoint = endpoint;
        for (int i = 0; i < countsByOutcome.length; i++) {
            countsByOutcome[i] = new LongAdder();
        }
    }

    String scenario() {
        return scenario;
    }

    String endpoint() {
        return endpoint;
    }

    void record(RequestOutcome outcome, long micros) {
        intervalRecorder(outcome).recordValue(micros);
        sinceReset.recordValue(micros);
        countsByOutcome[outcome.ordinal()].increment();
    }

    /** The interval recorder of an outcome, or null if that outcome never happened. */
    Recorder intervalRecorderIfPresent(RequestOutcome outcome) {
        return intervalByOutcome.get(outcome.ordinal());
    }

    private Recorder intervalRecorder(RequestOutcome outcome) {
        Recorder r = intervalByOutcome.get(outcome.ordinal());
        if (r == null) {
            // Created lazily: most (scenario, endpoint) pairs only ever see one or two outcomes.
            intervalByOutcome.compareAndSet(outcome.ordinal(), null, ServerMetrics.newRecorder());
            r = intervalByOutcome.get(outcome.ordinal());
        }
        return r;
    }

    long count(RequestOutcome outcome) {
        return countsByOutcome[outcome.ordinal()].sum();
    }

    /**
     * Whether a request was ever recorded here, resets included: an outcome's interval recorder is
     * made by its first request and kept for the whole run.
     */
    boolean everRecorded() {
        for (int i = 0; i < intervalByOutcome.length(); i++) {
            if (intervalByOutcome.get(i) != null) {
                return true;
            }
        }
        return false;
    }

    /** A copy of the latency histogram since the last reset, all outcomes together; microseconds. */
    synchronized Histogram sinceResetMicros() {
        drain();
        return accumulatedMicros.copy();
    }

    /**
     * The latencies since the last reset, all outcomes together, as one Prometheus histogram data
     * point. Kept as bucket counts ({@link BucketCounts}) from each interval as it is drained, so that
     * a scrape reads 14 numbers instead of copying and walking the packed histogram: that took
     * 0.4 s for 12 (scenario, endpoint) pairs and 5.5 s for 192 here (latencies from 10 µs to 10 s,
     * on a loaded machine), against 3 ms and 35 ms this way.
     */
    synchronized HistogramSnapshot.HistogramDataPointSnapshot durationDataPoint(Labels labels) {
        drain();
        return bucketsSinceReset.dataPoint(labels);
    }

    /**
     * Moves what was recorded since the last drain into the since-reset histogram and buckets; under
     * the lock. Skipped when no request was counted since: taking an interval clears a whole counts
     * array, the most a scrape spent on (scenario, endpoint) pairs that were idle. Skipping loses
     * nothing: {@link #record} counts a value after recording it, so a value recorded but not yet
     * counted is drained once its count moves, and once recording stops every value is drained.
     */
    private void drain() {
        long counted = 0;
        for (LongAdder count : countsByOutcome) {
            counted += count.sum();
        }
        if (counted == countedAtLastDrain) {
            return;
        }
        countedAtLastDrain = counted;
        recycled = sinceReset.getIntervalHistogram(recycled);
        accumulatedMicros.add(recycled);
        bucketsSinceReset.add(recycled);
    }

    synchronized void reset() {
        sinceReset.reset();
        accumulatedMicros = new PackedHistogram(ServerMetrics.SIGNIFICANT_DIGITS);
        bucketsSinceReset = new BucketCounts();
        for (LongAdder count : countsByOutcome) {
            count.reset();
        }
        countedAtLastDrain = 0;
    }
}
