package io.dropnight.metrics;

import io.dropnight.runfolder.AtomicFiles;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.dropnight.runfolder.RunFiles;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import org.HdrHistogram.Recorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends the server's interval histograms to {@code <runDir>/server.hlog} (HdrHistogram log format,
 * values in <b>microseconds</b>, one tag per {@code <scenario>/<endpoint>/<outcome>}, the
 * {@code Interval_Max} column in milliseconds), flushed after every interval so that a killed process
 * loses at most the interval in progress. On {@link #close()} it writes the last interval, one
 * percentile distribution per tag to {@code <runDir>/server/<scenario>_<endpoint>_<outcome>.hgrm}
 * (values in <b>milliseconds</b>, as HdrHistogram's tools print them) and the final
 * {@link MetricsSnapshot} to {@code <runDir>/server-metrics.json}.
 *
 * <p>Thread-safety: {@link #writeInterval()} and {@link #close()} are synchronized; this writer is the
 * only reader of the interval recorders of its {@link ServerMetrics}, so use one writer per metrics.
 */
public final class IntervalLogWriter implements AutoCloseable {
    /** Microseconds per millisecond: the unit ratio for {@code Interval_Max} and the .hgrm files. */
    public static final double MICROS_PER_MILLI = 1000.0;

    private static final Logger LOG = LoggerFactory.getLogger(IntervalLogWriter.class);

    private final ServerMetrics metrics;
    private final Path runDir;
    private final LongSupplier epochMillisClock;
    private final PrintStream out;
    private final HistogramLogWriter logWriter;
    private final long baseMillis;
    private final Map<String, Histogram> recycledByTag = new TreeMap<>();
    private final Map<String, Histogram> wholeRunByTag = new TreeMap<>();
    private long intervalStartMillis;
    private ScheduledFuture<?> schedule;
    private boolean closed;

    private IntervalLogWriter(ServerMetrics metrics, Path runDir, LongSupplier epochMillisClock, OutputStream file) {
        this.metrics = metrics;
        this.runDir = runDir;
        this.epochMillisClock = epochMillisClock;
        this.out = new PrintStream(new BufferedOutputStream(file), false, StandardCharsets.UTF_8);
        this.logWriter = new HistogramLogWriter(out);
        this.baseMillis = epochMillisClock.getAsLong();
        this.intervalStartMillis = baseMillis;
    }

    /**
     * Creates {@code runDir} if needed, opens {@code server.hlog} (replacing any previous one) and
     * writes its header. Nothing is scheduled until {@link #start}.
     *
     * @param epochMillisClock wall clock, milliseconds since the epoch; stamps every interval
     */
    public static IntervalLogWriter open(ServerMetrics metrics, Path runDir, LongSupplier epochMillisClock)
            throws IOException {
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(epochMillisClock, "epochMillisClock");
        Files.createDirectories(Objects.requireNonNull(runDir, "runDir"));
        IntervalLogWriter w = new IntervalLogWriter(metrics, runDir, epochMillisClock,
                Files.newOutputStream(runDir.resolve(RunFiles.SERVER_LOG)));
        w.writeHeader();
        return w;
    }

    private void writeHeader() {
        logWriter.outputLogFormatVersion();
        logWriter.outputComment("[Dropnight server latency: values in microseconds, 3 significant digits,"
                + " Interval_Max in milliseconds, tags <scenario>/<endpoint>/<outcome>]");
        logWriter.outputStartTime(baseMillis);
        logWriter.outputBaseTime(baseMillis);
        logWriter.outputLegend();
        out.flush();
    }

    /** Writes an interval every {@code interval} on {@code scheduler} until {@link #close()}. */
    public synchronized void start(ScheduledExecutorService scheduler, Duration interval) {
        if (schedule != null || closed) {
            throw new IllegalStateException("an interval log writer is started once, before it is closed");
        }
        long periodNanos = interval.toNanos();
        if (periodNanos <= 0) {
            throw new IllegalArgumentException("interval = " + interval + ": must be > 0");
        }
        schedule = scheduler.scheduleAtFixedRate(this::writeIntervalLoggingFailure,
                periodNanos, periodNanos, TimeUnit.NANOSECONDS);
    }

    private void writeIntervalLoggingFailure() {
        try {
            writeInterval();
        } catch (RuntimeException e) {
            // Keep the schedule alive: one bad interval must not stop the log.
            LOG.error("could not write an interval to {}", runDir.resolve(RunFiles.SERVER_LOG), e);
        }
    }

    /**
     * Swaps every interval recorder, appends the non-empty histograms (sorted by tag) stamped from the
     * previous call to now, and flushes. A no-op once closed.
     */
    public synchronized void writeInterval() {
        if (closed) {
            return;
        }
        // never before the interval's start, even if the wall clock stepped back: a negative length
        // would be printed as "-0.001", which log readers reject
        long nowMillis = Math.max(intervalStartMillis, epochMillisClock.getAsLong());
        double startSec = (intervalStartMillis - baseMillis) / 1000.0;
        double endSec = (nowMillis - baseMillis) / 1000.0;
        for (Map.Entry<String, Histogram> e : swapAll().entrySet()) {
            Histogram interval = e.getValue();
            wholeRunByTag.computeIfAbsent(e.getKey(), t -> ServerMetrics.emptyHistogram()).add(interval);
            if (interval.getTotalCount() > 0) {
                interval.setTag(e.getKey());
                logWriter.outputIntervalHistogram(startSec, endSec, interval, MICROS_PER_MILLI);
            }
        }
        intervalStartMillis = nowMillis;
        out.flush();
        if (out.checkError()) {
            LOG.error("writing {} failed; intervals may be missing", runDir.resolve(RunFiles.SERVER_LOG));
        }
    }

    private Map<String, Histogram> swapAll() {
        Map<String, Histogram> byTag = new TreeMap<>();
        for (EndpointStats stats : metrics.allStats()) {
            for (RequestOutcome outcome : RequestOutcome.values()) {
                Recorder recorder = stats.intervalRecorderIfPresent(outcome);
                if (recorder != null) {
                    String tag = HistogramTags.of(stats.scenario(), stats.endpoint(), outcome.tagName());
                    Histogram interval = recorder.getIntervalHistogram(recycledByTag.get(tag));
                    recycledByTag.put(tag, interval);
                    byTag.put(tag, interval);
                }
            }
        }
        return byTag;
    }

    /**
     * Stops the schedule, writes the last interval, the .hgrm files and server-metrics.json, and closes
     * the log. Idempotent.
     *
     * @throws IOException when a summary file cannot be written (the log itself is closed regardless)
     */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        if (schedule != null) {
            schedule.cancel(false);
        }
        try {
            writeInterval();
        } finally {
            closed = true;
            logWriter.close();
        }
        writeDistributions();
        writeSnapshot();
    }

    private void writeDistributions() throws IOException {
        Path dir = Files.createDirectories(runDir.resolve(RunFiles.SERVER_HISTOGRAMS));
        for (Map.Entry<String, Histogram> e : wholeRunByTag.entrySet()) {
            if (e.getValue().getTotalCount() == 0) {
                continue;
            }
            Path file = dir.resolve(HistogramTags.fileName(e.getKey()) + ".hgrm");
            try (PrintStream ps = new PrintStream(Files.newOutputStream(file), false, StandardCharsets.UTF_8)) {
                e.getValue().outputPercentileDistribution(ps, MICROS_PER_MILLI);
            }
        }
    }

    private void writeSnapshot() throws IOException {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        AtomicFiles.write(runDir.resolve(RunFiles.SERVER_METRICS), json.writeValueAsString(metrics.snapshot()));
    }
}
