package io.dropnight.metrics;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * How late the service's threads run their scheduled work: on each watched loop a probe task asks
 * to run every {@link #period()} and records how much later than asked it ran (microseconds,
 * 3 significant digits, up to one hour). The modelled capacity only means the same on every machine
 * while these loops keep time: a loop that runs late holds its slots past their modelled service
 * time, so the service sheds as if it were smaller. A stall of the host (another process, a GC
 * pause, a blocked event loop) shows as one probe that ran that much late, less up to one period
 * (the probe was due somewhere within the period after the stall began).
 *
 * <p>Thread-safe: probes record from their own loops into one {@link Recorder}; one reader takes
 * interval histograms ({@link LagLog.Writer}).
 */
public final class LoopLag {
    /** Highest lag tracked: one hour, in microseconds. */
    public static final long HIGHEST_TRACKABLE_MICROS = TimeUnit.HOURS.toMicros(1);
    public static final int SIGNIFICANT_DIGITS = 3;
    /** How often the service's probes ask to run: each second's line holds about ten per loop. */
    public static final Duration SERVICE_PERIOD = Duration.ofMillis(100);

    /** A thread that runs scheduled tasks: a Netty event loop, or the model's clock. */
    @FunctionalInterface
    public interface Loop {
        /**
         * Runs {@code task} on the loop after {@code delayNanos}.
         *
         * @throws RejectedExecutionException once the loop is shut down
         */
        void schedule(Runnable task, long delayNanos);
    }

    private final LongSupplier nanoClock;
    private final long periodNanos;
    private final Recorder lagMicros = new Recorder(HIGHEST_TRACKABLE_MICROS, SIGNIFICANT_DIGITS);
    private volatile boolean stopped;

    /**
     * @param nanoClock monotonic time in nanoseconds
     * @param period    how often each probe asks to run, from 1 ms to 10 s
     */
    public LoopLag(LongSupplier nanoClock, Duration period) {
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
        Objects.requireNonNull(period, "period");
        if (period.toMillis() < 1 || period.toMillis() > 10_000) {
            throw new IllegalArgumentException("period = " + period + ": must be from 1 ms to 10 s");
        }
        this.periodNanos = period.toNanos();
    }

    public Duration period() {
        return Duration.ofNanos(periodNanos);
    }

    /** Starts a probe on {@code loop}; it runs until {@link #stop()} or the loop shuts down. */
    public void watch(Loop loop) {
        Objects.requireNonNull(loop, "loop");
        probe(loop, nanoClock.getAsLong() + periodNanos);
    }

    private void probe(Loop loop, long dueNanos) {
        if (stopped) {
            return;
        }
        try {
            loop.schedule(() -> {
                long now = nanoClock.getAsLong();
                lagMicros.recordValue(Math.min(HIGHEST_TRACKABLE_MICROS, Math.max(0, now - dueNanos) / 1_000));
                // Asked again one period from now, not from when it was due: a stall is one late
                // probe, not a burst of late ones catching up.
                probe(loop, now + periodNanos);
            }, Math.max(0, dueNanos - nanoClock.getAsLong()));
        } catch (RejectedExecutionException e) {
            // The loop is shutting down with the service: nothing left to watch there.
        }
    }

    /** Records one lag directly (for a loop watched by other means, and for tests). */
    public void record(long lagNanos) {
        lagMicros.recordValue(Math.min(HIGHEST_TRACKABLE_MICROS, Math.max(0, lagNanos) / 1_000));
    }

    /** The lags recorded since the last call, into {@code recycle} when given. */
    public Histogram intervalHistogram(Histogram recycle) {
        return lagMicros.getIntervalHistogram(recycle);
    }

    /** No probe is asked to run again. */
    public void stop() {
        stopped = true;
    }
}
