package io.dropnight.metrics;

import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.PackedHistogram;
import org.HdrHistogram.Recorder;

/**
 * Everything recorded for one (scenario, endpoint): an interval {@link Recorder} per outcome (drained
 * by {@link IntervalLogWriter}), and a cumulative recorder plus counters since the last reset (read
 * by {@link ServerMetrics#snapshot()}). Recording is wait-free; reading the cumulative part locks
 * this object, which only snapshot and reset do.
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

    /** A copy of the latency histogram since the last reset, all outcomes together; microseconds. */
    synchronized Histogram sinceResetMicros() {
        recycled = sinceReset.getIntervalHistogram(recycled);
        accumulatedMicros.add(recycled);
        return accumulatedMicros.copy();
    }

    synchronized void reset() {
        sinceReset.reset();
        accumulatedMicros = new PackedHistogram(ServerMetrics.SIGNIFICANT_DIGITS);
        for (LongAdder count : countsByOutcome) {
            count.reset();
        }
    }
}
