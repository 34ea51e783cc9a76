package io.dropnight.simulations.client;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

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
    /** Viewers started per second of the injection; a viewer after its last second is counted in it. */
    private final AtomicIntegerArray arrivalsPerSecond;
    /** When the injection started, on {@link System#nanoTime()}; 0 until it has (arrivals are then not placed). */
    private final LongSupplier injectionStartNanos;

    /** Figures with no timeline of arrivals (a one-viewer walk). */
    public PopulationFigures() {
        this(() -> 0L, 0);
    }

    /**
     * @param injectionStartNanos when the injection started ({@link System#nanoTime()}), 0 before it has
     * @param seconds             how many seconds of arrivals to keep (the injection's, with a margin)
     */
    public PopulationFigures(LongSupplier injectionStartNanos, int seconds) {
        this.injectionStartNanos = injectionStartNanos;
        this.arrivalsPerSecond = new AtomicIntegerArray(Math.max(0, seconds));
    }

    public void userStarted() {
        users.increment();
        long start = injectionStartNanos.getAsLong();
        int length = arrivalsPerSecond.length();
        if (start != 0 && length > 0) {
            long second = Math.max(0, (System.nanoTime() - start) / 1_000_000_000L);
            arrivalsPerSecond.incrementAndGet((int) Math.min(length - 1, second));
        }
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

    /** The population's counters so far, read while the night runs (the live metrics); each is exact. */
    public ClientMetrics.Counts counts() {
        return new ClientMetrics.Counts(users.sum(), requests.sum(), errorPages.sum(), failures.sum(), refreshes.sum(),
                abandonments.sum(), playbackStarts.sum());
    }

    /**
     * The population's figures so far; the time-to-play percentiles are in milliseconds, 0 when no
     * stream started. Call once, at the end: the histogram's interval is taken.
     */
    public Snapshot snapshot() {
        Histogram ttp = timeToPlayMicros.getIntervalHistogram();
        int[] arrivals = new int[arrivalsPerSecond.length()];
        int last = -1;
        for (int i = 0; i < arrivals.length; i++) {
            arrivals[i] = arrivalsPerSecond.get(i);
            last = arrivals[i] > 0 ? i : last;
        }
        return new Snapshot(users.sum(), requests.sum(), errorPages.sum(), failures.sum(), refreshes.sum(), abandonments.sum(),
                playbackStarts.sum(), ttp.getValueAtPercentile(50) / 1000.0, ttp.getValueAtPercentile(95) / 1000.0,
                ttp.getValueAtPercentile(99) / 1000.0, Arrays.copyOf(arrivals, last + 1));
    }

    /**
     * One population's figures at the night's end.
     *
     * @param arrivalsPerSecond viewers started in each second from the injection's start, up to the last that had one
     */
    public record Snapshot(long users, long requests, long errorPages, long failures, long refreshes, long abandonments,
                           long playbackStarts, double timeToPlayP50Ms, double timeToPlayP95Ms, double timeToPlayP99Ms,
                           int[] arrivalsPerSecond) {
        /** Error pages per request, percent (0 when nothing was sent). */
        public double errorPageRatePercent() {
            return requests == 0 ? 0 : 100.0 * errorPages / requests;
        }
    }
}
