package io.dropnight.simulations.client;

import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.Histogram;

/**
 * The last few seconds of finished requests, for {@link RecentLatency}: one histogram per second
 * (every endpoint's and outcome's interval of that second added into it), kept in a ring and
 * recycled, so that the window costs a few histograms' adds a second and nothing on the viewers'
 * path. Values in microseconds.
 *
 * <p>Not thread-safe: {@link ClientHistogramLog} uses it under its own lock.
 */
final class RecentLatencies {
    private final Histogram[] seconds;
    private final Histogram union = ClientMetrics.newHistogram();
    /** The slot of the second being filled; -1 before the first. */
    private int current = -1;
    private int filled;

    /** @param seconds how many of the last seconds the window holds, at least 1 */
    RecentLatencies(int seconds) {
        if (seconds < 1) {
            throw new IllegalArgumentException("a window of recent latencies holds at least 1 second, not " + seconds);
        }
        this.seconds = new Histogram[seconds];
    }

    /** Begins a second: the oldest one leaves the window. */
    void startSecond() {
        current = (current + 1) % seconds.length;
        if (seconds[current] == null) {
            seconds[current] = ClientMetrics.newHistogram();
        } else {
            seconds[current].reset();
        }
        filled = Math.min(seconds.length, filled + 1);
    }

    /** Adds an interval of the current second (microseconds). */
    void add(AbstractHistogram intervalMicros) {
        if (current < 0) {
            throw new IllegalStateException("startSecond() before add()");
        }
        seconds[current].add(intervalMicros);
    }

    /** Percentiles of the window's seconds taken together. */
    RecentLatency latency() {
        union.reset();
        for (Histogram s : seconds) {
            if (s != null) {
                union.add(s);
            }
        }
        long n = union.getTotalCount();
        if (n == 0) {
            return new RecentLatency(filled, 0, Double.NaN, Double.NaN, Double.NaN);
        }
        return new RecentLatency(filled, n, millis(50), millis(90), millis(99));
    }

    private double millis(double percentile) {
        return union.getValueAtPercentile(percentile) / 1000.0;
    }
}
