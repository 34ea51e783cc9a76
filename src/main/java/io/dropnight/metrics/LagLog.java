package io.dropnight.metrics;

import io.dropnight.runfolder.RunFiles;
import org.HdrHistogram.Histogram;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * {@code service-lag.csv}, the one format for how late the service's loops ran: its {@link Writer}
 * (the service, once a second) and its {@link #read reader} (the night's verdict, the report).
 * Columns: {@code epoch_ms} (end of the interval), {@code interval_ms} (its length), {@code max_lag_ms} and {@code p99_lag_ms} (of
 * the probes that ran in it, from HdrHistogram at 3 significant digits) and {@code probes}. An
 * interval in which no probe ran at all (every loop blocked for its whole length) is written with
 * its lag so far unknown: the late probes land in the interval in which they finally run.
 */
public final class LagLog {
    public static final String HEADER = "epoch_ms,interval_ms,max_lag_ms,p99_lag_ms,probes";

    private LagLog() {
    }

    /**
     * One interval of the log.
     *
     * @param epochMillis    when it ended
     * @param intervalMillis how long it was: its probes ran between {@code epochMillis - intervalMillis} and {@code epochMillis}
     */
    public record Sample(long epochMillis, long intervalMillis, double maxLagMs, double p99LagMs, long probes) {
        /** When the interval began, epoch ms. */
        public long startMillis() {
            return epochMillis - intervalMillis;
        }
    }

    /**
     * Reads a run folder's {@code service-lag.csv}; empty when the service wrote none (an external
     * target, an older run). A line that does not parse is skipped: a killed service may leave half a line.
     */
    public static List<Sample> read(Path runDir) throws IOException {
        Path file = runDir.resolve(RunFiles.SERVICE_LAG);
        if (!Files.exists(file)) {
            return List.of();
        }
        List<Sample> samples = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String[] f = line.split(",", -1);
            if (line.equals(HEADER) || f.length != 5) {
                continue;
            }
            try {
                samples.add(new Sample(Long.parseLong(f[0]), Long.parseLong(f[1]), Double.parseDouble(f[2]),
                        Double.parseDouble(f[3]), Long.parseLong(f[4])));
            } catch (NumberFormatException e) {
                // half a line from a killed service: the lines before it stand
            }
        }
        return samples;
    }

    /**
     * Appends one line per {@link #writeInterval()} to {@code service-lag.csv}, flushed each time.
     * Thread-safety: synchronized; the only reader of its {@link LoopLag}.
     */
    public static final class Writer implements AutoCloseable {
        private final LoopLag lag;
        private final LongSupplier epochMillisClock;
        private final BufferedWriter out;
        private Histogram recycled;
        private long lastMillis;
        private boolean closed;

        private Writer(LoopLag lag, LongSupplier epochMillisClock, BufferedWriter out) {
            this.lag = lag;
            this.epochMillisClock = epochMillisClock;
            this.out = out;
            this.lastMillis = epochMillisClock.getAsLong();
        }

        /** Creates (or replaces) {@code <runDir>/service-lag.csv} and writes its header. */
        public static Writer open(LoopLag lag, Path runDir, LongSupplier epochMillisClock) throws IOException {
            Objects.requireNonNull(lag, "lag");
            Objects.requireNonNull(epochMillisClock, "epochMillisClock");
            BufferedWriter out = Files.newBufferedWriter(runDir.resolve(RunFiles.SERVICE_LAG), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
            out.write(HEADER);
            out.newLine();
            out.flush();
            return new Writer(lag, epochMillisClock, out);
        }

        /** Takes the lags since the last call and appends their line. A no-op once closed. */
        public synchronized void writeInterval() throws IOException {
            if (closed) {
                return;
            }
            Histogram h = lag.intervalHistogram(recycled);
            recycled = h;
            long now = epochMillisClock.getAsLong();
            out.write(String.format(Locale.ROOT, "%d,%d,%.3f,%.3f,%d", now, Math.max(0, now - lastMillis),
                    h.getMaxValue() / 1000.0, h.getValueAtPercentile(99) / 1000.0, h.getTotalCount()));
            lastMillis = now;
            out.newLine();
            out.flush();
        }

        /** Writes the last interval and closes the file. Idempotent. */
        @Override
        public synchronized void close() throws IOException {
            if (closed) {
                return;
            }
            try {
                writeInterval();
            } finally {
                closed = true;
                out.close();
            }
        }
    }
}
