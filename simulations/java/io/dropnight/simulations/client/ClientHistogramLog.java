package io.dropnight.simulations.client;

import io.dropnight.metrics.BucketCounts;
import io.dropnight.runfolder.ClientTags;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import org.HdrHistogram.Recorder;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Writes a night's client histograms to {@code client.hlog} every second, in microseconds, flushing
 * each interval so a killed run loses at most one second: {@code <night>/time-to-play} and
 * {@code <night>/playback-start} (the SLOs' inputs, of which it keeps cumulative copies), and every
 * finished request as {@code <night>/<endpoint>/<outcome>}, the server's tag scheme, so one reader
 * serves both logs and the per-second counts are the histograms' counts. An endpoint/outcome
 * interval with no request is not written. The same intervals, added together a second at a time,
 * give the live page the latency of the last few seconds ({@link #recentLatency()}).
 *
 * <p>Thread-safety: one daemon thread takes and writes intervals; {@link #close()} stops it and
 * writes the last interval; the accumulated histograms are safe to read after {@link #close()}.
 */
public final class ClientHistogramLog implements AutoCloseable {
    /** The seconds {@link #recentLatency()} covers. */
    public static final int RECENT_SECONDS = 5;

    private final ClientMetrics metrics;
    private final String timeToPlayTag;
    private final String playbackStartTag;
    private final PrintStream out;
    private final HistogramLogWriter writer;
    private final ScheduledExecutorService ticker;
    private final Histogram totalTimeToPlayMicros = ClientMetrics.newHistogram();
    private final Histogram totalPlaybackStartMicros = ClientMetrics.newHistogram();
    private Histogram ttpInterval;
    private Histogram psInterval;
    private final String night;
    private final Map<String, Histogram> recycled = new HashMap<>();
    /** Per {@code <endpoint>/<outcome>}, everything so far in Prometheus' buckets: the live metrics' source. */
    private final Map<String, BucketCounts> totals = new TreeMap<>();
    private final BucketCounts timeToPlayTotal = new BucketCounts();
    private final BucketCounts playbackStartTotal = new BucketCounts();
    /** Every request of the last {@link #RECENT_SECONDS} seconds taken, for the live page's latency. */
    private final RecentLatencies recent = new RecentLatencies(RECENT_SECONDS);
    private boolean closed;

    /**
     * @param file    the .hlog to create
     * @param night   the night's label, prefix of the tags
     * @param metrics where the viewers record
     */
    public ClientHistogramLog(Path file, String night, ClientMetrics metrics) throws IOException {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.night = Objects.requireNonNull(night, "night");
        this.timeToPlayTag = ClientTags.timeToPlay(night);
        this.playbackStartTag = ClientTags.playbackStart(night);
        this.out = new PrintStream(file.toFile(), StandardCharsets.US_ASCII);
        this.writer = new HistogramLogWriter(out);
        // The base time first, then restart both recorders' intervals: no interval starts before it.
        long now = System.currentTimeMillis() - 1;
        metrics.timeToPlayMicros.getIntervalHistogram();
        metrics.playbackStartMicros.getIntervalHistogram();
        writer.outputComment("Dropnight client-side histograms, values in microseconds, tags " + timeToPlayTag + ", " + playbackStartTag
                + " and " + night + "/<endpoint>/<outcome>");
        writer.outputLogFormatVersion();
        writer.outputStartTime(now);
        writer.setBaseTime(now);
        writer.outputBaseTime(now);
        writer.outputLegend();
        out.flush();
        ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "dropnight-client-hlog");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleAtFixedRate(this::writeInterval, 1, 1, TimeUnit.SECONDS);
    }

    private synchronized void writeInterval() {
        if (closed) {
            return;
        }
        ttpInterval = take(metrics.timeToPlayMicros, ttpInterval, timeToPlayTag, totalTimeToPlayMicros);
        timeToPlayTotal.add(ttpInterval);
        psInterval = take(metrics.playbackStartMicros, psInterval, playbackStartTag, totalPlaybackStartMicros);
        playbackStartTotal.add(psInterval);
        recent.startSecond();
        // Sorted, so that a log reads the same way every second and every run.
        for (Map.Entry<String, Recorder> e : new TreeMap<>(metrics.byEndpointOutcome).entrySet()) {
            Histogram interval = e.getValue().getIntervalHistogram(recycled.get(e.getKey()));
            recycled.put(e.getKey(), interval);
            if (interval.getTotalCount() > 0) {
                interval.setTag(night + "/" + e.getKey());
                write(interval);
                totals.computeIfAbsent(e.getKey(), k -> new BucketCounts()).add(interval);
                recent.add(interval);
            }
        }
        out.flush();
    }

    private Histogram take(Recorder recorder, Histogram recycled, String tag, Histogram total) {
        Histogram interval = recorder.getIntervalHistogram(recycled);
        interval.setTag(tag);
        write(interval);
        total.add(interval);
        return interval;
    }

    private void write(Histogram interval) {
        write(writer, interval);
    }

    /**
     * One interval, stamped from the writer's base time, in whole milliseconds first: an interval
     * the ticker takes in the same millisecond as the last (a fixed-rate ticker catching up after a
     * stall) has a length of exactly 0, not {@code -0.000}, which floating-point subtraction of two
     * second counts once printed, and which log readers reject. Values are microseconds: a ratio of
     * 1000 writes Interval_Max in milliseconds, as the server's log does. Clamped at 0: a start a
     * fraction of a millisecond before the base time is the base time.
     */
    static void write(HistogramLogWriter writer, Histogram interval) {
        long startMillis = Math.max(0, interval.getStartTimeStamp() - writer.getBaseTime());
        long endMillis = Math.max(startMillis, interval.getEndTimeStamp() - writer.getBaseTime());
        writer.outputIntervalHistogram(startMillis / 1000.0, endMillis / 1000.0, interval, 1000.0);
    }

    /** Everything recorded so far (complete once closed), microseconds. */
    public synchronized Histogram totalTimeToPlayMicros() {
        return totalTimeToPlayMicros.copy();
    }

    /** Everything recorded so far (complete once closed), microseconds. */
    public synchronized Histogram totalPlaybackStartMicros() {
        return totalPlaybackStartMicros.copy();
    }

    /**
     * Every finished request so far by {@code <endpoint>/<outcome>} (as tagged in client.hlog), in
     * Prometheus' buckets: up to the last second taken, and exactly client.hlog's once closed.
     * Copies, sorted by key.
     */
    public synchronized Map<String, BucketCounts> requestTotals() {
        Map<String, BucketCounts> out = new TreeMap<>();
        totals.forEach((k, v) -> out.put(k, v.copy()));
        return out;
    }

    /** Times to play so far in Prometheus' buckets (a copy). */
    public synchronized BucketCounts timeToPlayBuckets() {
        return timeToPlayTotal.copy();
    }

    /** Playback-start latencies of streams that started, so far, in Prometheus' buckets (a copy). */
    public synchronized BucketCounts playbackStartBuckets() {
        return playbackStartTotal.copy();
    }

    /**
     * Latency percentiles of every request (all endpoints and outcomes) finished in the last
     * {@link #RECENT_SECONDS} seconds taken; computed on the caller's thread from the kept seconds.
     */
    public synchronized RecentLatency recentLatency() {
        return recent.latency();
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        synchronized (this) {
            if (closed) {
                return;
            }
            writeInterval();
            closed = true;
            out.close();
        }
    }
}
