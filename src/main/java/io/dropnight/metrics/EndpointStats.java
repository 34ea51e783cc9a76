package io.dropnight.metrics;

import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
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
    Histogram sinceResetMicros() {
        return readSinceReset(Histogram::copy);
    }

    /**
     * Applies {@code reader} to the latency histogram since the last reset (all outcomes together,
     * microseconds) under this object's lock, without copying it: {@code reader} must neither keep
     * nor change it. Recording goes on meanwhile; only another read or a reset waits.
     */
    synchronized <T> T readSinceReset(Function<? super Histogram, ? extends T> reader) {
        recycled = sinceReset.getIntervalHistogram(recycled);
        accumulatedMicros.add(recycled);
        return reader.apply(accumulatedMicros);
    }

    synchronized void reset() {
        sinceReset.reset();
        accumulatedMicros = new PackedHistogram(ServerMetrics.SIGNIFICANT_DIGITS);
        for (LongAdder count : countsByOutcome) {
            count.reset();
        }
    }
}
