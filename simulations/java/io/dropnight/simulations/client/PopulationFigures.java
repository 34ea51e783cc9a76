package io.dropnight.simulations.client;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.util.concurrent.atomic.LongAdder;

/**
 * One population's own figures (issue 23), beside the night's {@link ClientMetrics}: viewers,
 * requests, error pages, failures, refreshes, viewers who gave up, streams started, and its time
 * to play (HdrHistogram, microseconds, {@link ClientMetrics#SIGNIFICANT_DIGITS} significant
 * digits). Counters are lock-free and callable from any thread; {@link #snapshot} is read once, at
 * the night's end.
 */
public final class PopulationFigures {
    private final LongAdder users = new LongAdder();
    private final LongAdder requests = new LongAdder();
    private final LongAdder errorPages = new LongAdder();
    private final LongAdder failures = new LongAdder();
    private final LongAdder refreshes = new LongAdder();
    private final LongAdder abandonments = new LongAdder();
    private final LongAdder playbackStarts = new LongAdder();
    private final Recorder timeToPlayMicros = new Recorder(ClientMetrics.HIGHEST_TRACKABLE_MICROS, ClientMetrics.SIGNIFICANT_DIGITS);

    public void userStarted() {
        users.increment();
    }

    public void requestSent() {
        requests.increment();
    }

    public void errorPageSeen() {
        errorPages.increment();
    }

    public void requestFailed() {
        failures.increment();
    }

    public void refreshed() {
        refreshes.increment();
    }

    public void abandoned() {
        abandonments.increment();
    }

    /** A stream started, {@code timeToPlayNanos} after the viewer's intent to play. */
    public void playbackStarted(long timeToPlayNanos) {
        playbackStarts.increment();
        timeToPlayMicros.recordValue(Math.max(0, Math.min(ClientMetrics.HIGHEST_TRACKABLE_MICROS, timeToPlayNanos / 1_000)));
    }

    /**
     * The population's figures so far; the time-to-play percentiles are in milliseconds, 0 when no
     * stream started. Call once, at the end: the histogram's interval is taken.
     */
    public Snapshot snapshot() {
        Histogram ttp = timeToPlayMicros.getIntervalHistogram();
        return new Snapshot(users.sum(), requests.sum(), errorPages.sum(), failures.sum(), refreshes.sum(), abandonments.sum(),
                playbackStarts.sum(), ttp.getValueAtPercentile(50) / 1000.0, ttp.getValueAtPercentile(95) / 1000.0,
                ttp.getValueAtPercentile(99) / 1000.0);
    }

    /** One population's figures at the night's end. */
    public record Snapshot(long users, long requests, long errorPages, long failures, long refreshes, long abandonments,
                           long playbackStarts, double timeToPlayP50Ms, double timeToPlayP95Ms, double timeToPlayP99Ms) {
        /** Error pages per request, percent (0 when nothing was sent). */
        public double errorPageRatePercent() {
            return requests == 0 ? 0 : 100.0 * errorPages / requests;
        }
    }
}
