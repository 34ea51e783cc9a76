package io.dropnight.simulations.slo;

import io.dropnight.runfolder.VerdictRules;
import io.dropnight.simulations.params.SloThresholds;
import io.gatling.javaapi.core.ChainBuilder;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.stopLoadGeneratorIf;

/**
 * {@code -Dslo.abortOnFail}: once a second, on its own daemon thread, whether an SLO of the night
 * can no longer pass ({@link SloLoss}, on the figures so far and {@link RestOfNight}'s bounds); the
 * first time one is lost the watch remembers the second and why, says so, and asks the load
 * generator to stop: the {@link #checkpoint()} each viewer passes before each request then stops
 * Gatling gracefully (its {@code stopLoadGenerator}: {@code after()} runs and the reports are
 * written for what ran). Off, it is a do-nothing watch ({@link #off()}).
 *
 * <p>Thread-safety: {@link #check()} runs on the watch's thread (or a test's); {@link #stopping()}
 * and the checkpoint read one volatile field from Gatling's threads and never block.
 */
public final class SloWatch implements AutoCloseable {
    /** What the watch reads each second. Implementations are thread-safe and never block for long. */
    @FunctionalInterface
    public interface Figures {
        /**
         * The night so far and what the rest of it can add, read in that order (a bound read after
         * the figures it is added to only errs upwards).
         *
         * @param sinceStart time since the injection started, taken before anything is read
         */
        Reading read(Duration sinceStart);
    }

    /** One reading of the night. */
    public record Reading(SloLoss.SoFar soFar, SloLoss.Remaining remaining) {
        public Reading {
            Objects.requireNonNull(soFar, "soFar");
            Objects.requireNonNull(remaining, "remaining");
        }
    }

    /**
     * Why the night stopped: the first check that found an SLO lost.
     *
     * @param second whole seconds since the injection started
     * @param lost   the SLOs lost then, the first one named as the reason
     */
    public record Stop(long second, List<SloLoss.Lost> lost) {
        public Stop {
            lost = List.copyOf(lost);
            if (second < 0 || lost.isEmpty()) {
                throw new IllegalArgumentException("a stop has a second (>= 0) and a lost SLO: " + second + ", " + lost);
            }
        }

        /** The verdict's reason, as {@link VerdictRules#stopped} words it. */
        public String reason() {
            return VerdictRules.stopped(second, lost.get(0).slo(), lost.get(0).why());
        }
    }

    private final boolean watching;
    private final Figures figures;
    private final SloThresholds thresholds;
    private final LongSupplier nanoClock;
    private final Consumer<String> console;
    private final AtomicLong checks = new AtomicLong();
    private volatile long startNanos;
    private volatile boolean started;
    /** The first loss found. */
    private volatile Stop stop;
    /** Whether a viewer has met the stop at a checkpoint: Gatling was then asked to stop. */
    private volatile boolean applied;
    private ScheduledExecutorService ticker;

    private SloWatch(boolean watching, Figures figures, SloThresholds thresholds, LongSupplier nanoClock, Consumer<String> console) {
        this.watching = watching;
        this.figures = figures;
        this.thresholds = thresholds;
        this.nanoClock = nanoClock;
        this.console = console;
    }

    /**
     * A watch that stops the night once an SLO is lost.
     *
     * @param figures    the night's figures and bounds
     * @param thresholds the SLOs
     * @param nanoClock  the clock the injection start is on ({@code System::nanoTime})
     * @param console    where the stop is said as it happens
     */
    public static SloWatch watching(Figures figures, SloThresholds thresholds, LongSupplier nanoClock, Consumer<String> console) {
        return new SloWatch(true, Objects.requireNonNull(figures, "figures"), Objects.requireNonNull(thresholds, "thresholds"),
                Objects.requireNonNull(nanoClock, "nanoClock"), Objects.requireNonNull(console, "console"));
    }

    /** Without {@code -Dslo.abortOnFail}: never checks, never stops; its checkpoint does nothing. */
    public static SloWatch off() {
        return new SloWatch(false, null, null, null, null);
    }

    /**
     * Starts checking once a second on the watch's own daemon thread. Once only.
     *
     * @param injectionStartNanos when the injection started, on the watch's clock: the stop's second counts from here
     */
    public synchronized void start(long injectionStartNanos) {
        arm(injectionStartNanos);
        if (!watching) {
            return;
        }
        console.accept("-Dslo.abortOnFail=true: the SLOs are checked each second; the night stops once one can no longer pass");
        ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "dropnight-slo-watch");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleAtFixedRate(this::tick, 1, 1, TimeUnit.SECONDS);
    }

    /** Takes the injection's start, without a thread: {@link #check()} then judges (tests call it themselves). */
    synchronized void arm(long injectionStartNanos) {
        if (started) {
            throw new IllegalStateException("the SLO watch is started once, when the injection starts");
        }
        startNanos = injectionStartNanos;
        started = true;
    }

    private void tick() {
        try {
            check();
        } catch (RuntimeException e) {
            // a scheduled task that throws is never run again: say so once, and stop checking
            console.accept("the SLO watch failed (" + e + "); the night runs to its end");
            ticker.shutdown();
        }
    }

    /**
     * One check, now: the figures read and judged, the stop remembered the first time an SLO is
     * lost. After a stop, returns it without reading again.
     *
     * @return the stop, once there is one
     */
    public Optional<Stop> check() {
        if (!watching || !started) {
            return Optional.empty();
        }
        Stop done = stop;
        if (done != null) {
            return Optional.of(done);
        }
        Duration sinceStart = Duration.ofNanos(Math.max(0, nanoClock.getAsLong() - startNanos));
        Reading r = figures.read(sinceStart);
        checks.incrementAndGet();
        List<SloLoss.Lost> lost = SloLoss.lost(r.soFar(), r.remaining(), thresholds);
        if (lost.isEmpty()) {
            return Optional.empty();
        }
        Stop now = new Stop(sinceStart.toSeconds(), lost);
        stop = now;
        console.accept(now.reason() + "; -Dslo.abortOnFail=true: the injection stops, and the run folder covers the night up to here");
        lost.stream().skip(1).forEach(l -> console.accept("  also lost: " + l.line()));
        return Optional.of(now);
    }

    /** Whether an SLO was found lost, so that the night is to stop. */
    public boolean stopping() {
        return stop != null;
    }

    /**
     * The stop, once an SLO was lost and a viewer met it at a checkpoint (Gatling was asked to
     * stop); empty when the night ended by itself first, however late a loss was found.
     */
    public Optional<Stop> stopped() {
        return applied ? Optional.ofNullable(stop) : Optional.empty();
    }

    /**
     * The checkpoint's condition, on Gatling's threads: true once an SLO was found lost, and the
     * stop then stands as applied. Never blocks.
     */
    boolean stopHere() {
        if (stop == null) {
            return false;
        }
        applied = true;
        return true;
    }

    /** The checks made so far. */
    public long checks() {
        return checks.get();
    }

    /**
     * The step each viewer passes before each request: it stops the load generator (gracefully)
     * once the watch has found an SLO lost; it does nothing while none is, or when the watch is off.
     */
    public ChainBuilder checkpoint() {
        if (!watching) {
            return exec(s -> s);
        }
        // Gatling evaluates the message whatever the condition says: it must read a null stop too.
        return stopLoadGeneratorIf(s -> {
            Stop done = stop;
            return done == null ? "" : done.reason();
        }, s -> stopHere());
    }

    /**
     * Stops checking, waiting (bounded) for a check under way to end, and says how many checks found
     * nothing when none did; the stop found so far stands. Once only.
     */
    @Override
    public synchronized void close() {
        if (ticker == null || ticker.isShutdown()) {
            return;
        }
        ticker.shutdownNow();
        try {
            if (!ticker.awaitTermination(5, TimeUnit.SECONDS)) {
                console.accept("the SLO watch did not end within 5 s; the verdict takes the stop found so far");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (stop == null) {
            console.accept(String.format(Locale.ROOT, "-Dslo.abortOnFail=true: no SLO was lost in %,d checks; the night ran to its end",
                    checks.get()));
        } else if (!applied) {
            console.accept("-Dslo.abortOnFail=true: the night ended by itself before any viewer met the stop found at +" + stop.second()
                    + " s; it ran to its end, and its SLOs decide");
        }
    }
}
