package io.dropnight.simulations.watch;

import io.dropnight.simulations.client.ClientMetrics;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Watches the load generator itself during a night: once a second, on a daemon thread, this JVM's
 * open files against their limit, its CPU and GC time, how many viewers Gatling has started
 * against the plan, and the second's transport errors by kind ({@link TransportErrors}); each
 * second is a line of injector.csv (kept open from the start: a JVM out of
 * descriptors could not open it later) and is read by an {@link InjectorVerdict}.
 *
 * <p>Thread-safety: the watch thread samples; {@link #stop()} (from any one thread) takes a last
 * sample, closes the file and returns the saturations.
 */
public final class InjectorWatch implements AutoCloseable {
    private final JvmProbe probe;
    private final ClientMetrics metrics;
    private final PlannedArrivals plan;
    private final Duration lagGrace;
    private final InjectorVerdict verdict;
    private final TransportErrors transport;
    private final long[] lastTransport = new long[TransportErrors.Kind.values().length];
    private final PrintStream csv;
    private final ScheduledExecutorService ticker;
    private final long startNanos;
    private JvmProbe.Reading last;
    private long lastNanos;
    private long lastNoResponses;
    private boolean stopped;
    /** The last second, for the live views (read from other threads). */
    private volatile InjectorSample latest;
    private volatile boolean saturated;

    private InjectorWatch(Path file, JvmProbe probe, ClientMetrics metrics, PlannedArrivals plan, Duration lagGrace,
                          InjectorVerdict verdict, TransportErrors transport) throws IOException {
        this.probe = probe;
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.plan = Objects.requireNonNull(plan, "plan");
        this.lagGrace = Objects.requireNonNull(lagGrace, "lagGrace");
        this.verdict = Objects.requireNonNull(verdict, "verdict");
        this.transport = Objects.requireNonNull(transport, "transport");
        for (TransportErrors.Kind k : TransportErrors.Kind.values()) {
            lastTransport[k.ordinal()] = transport.count(k);
        }
        this.csv = new PrintStream(file.toFile(), StandardCharsets.US_ASCII);
        csv.println(InjectorSample.CSV_HEADER);
        csv.flush();
        this.startNanos = System.nanoTime();
        this.last = probe.read();
        this.lastNanos = startNanos;
        this.lastNoResponses = metrics.noResponses();
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "dropnight-injector-watch");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts watching now, the injection's start.
     *
     * @param file     injector.csv in the run folder
     * @param metrics  where the viewers are counted
     * @param plan     the night's planned arrivals
     * @param lagGrace how late a viewer may start and still be on time
     * @param verdict  what reads the samples
     * @param transport the night's transport errors, by kind
     */
    public static InjectorWatch start(Path file, ClientMetrics metrics, PlannedArrivals plan, Duration lagGrace,
                                      InjectorVerdict verdict, TransportErrors transport) throws IOException {
        InjectorWatch w = new InjectorWatch(file, new JvmProbe(), metrics, plan, lagGrace, verdict, transport);
        w.ticker.scheduleAtFixedRate(w::sample, 1, 1, TimeUnit.SECONDS);
        return w;
    }

    private synchronized void sample() {
        if (stopped) {
            return;
        }
        try {
            long now = System.nanoTime();
            JvmProbe.Reading r = probe.read();
            long wall = Math.max(1, now - lastNanos);
            double cpu = 100.0 * Math.max(0, r.cpuNanos() - last.cpuNanos()) / ((double) wall * probe.processors());
            long noResponses = metrics.noResponses();
            Duration elapsed = Duration.ofNanos(now - startNanos);
            // The plan's clock starts when Gatling injected its first viewer, not when before()
            // returned: Gatling's own start-up is not lag.
            long planned = plan.byNow(metrics.firstUserNanos(), now, lagGrace);
            InjectorSample s = new InjectorSample(Math.round(elapsed.toMillis() / 1000.0), r.openFds(), r.fdLimit(),
                    Math.min(100.0, cpu), Math.min(100.0, 100.0 * r.hottestThreadNanosSince(last) / wall),
                    Math.max(0, r.gcMillis() - last.gcMillis()), metrics.counts().users(), planned,
                    noResponses - lastNoResponses, since(TransportErrors.Kind.FILE_DESCRIPTORS),
                    since(TransportErrors.Kind.EPHEMERAL_PORTS), since(TransportErrors.Kind.CONNECT_REFUSED),
                    since(TransportErrors.Kind.CONNECT_FAILED), since(TransportErrors.Kind.OTHER));
            last = r;
            lastNanos = now;
            lastNoResponses = noResponses;
            verdict.accept(s);
            latest = s;
            saturated = verdict.saturated();
            csv.println(s.csv());
            csv.flush();
        } catch (RuntimeException e) {
            // A sample lost costs one line, not the watch: the next second tries again.
            System.err.println("dropnight: injector watch: " + e);
        }
    }

    /** This second's errors of a kind: the count now less the count at the last sample. */
    private long since(TransportErrors.Kind kind) {
        long now = transport.count(kind);
        long delta = now - lastTransport[kind.ordinal()];
        lastTransport[kind.ordinal()] = now;
        return delta;
    }

    /** The last second watched; empty before the first. Any thread. */
    public java.util.Optional<InjectorSample> latest() {
        return java.util.Optional.ofNullable(latest);
    }

    /** Whether the load generator has passed one of its bounds so far. Any thread. */
    public boolean saturated() {
        return saturated;
    }

    /** Takes the last sample, stops, closes injector.csv; returns the saturations (empty when none). */
    public List<String> stop() {
        ticker.shutdownNow();
        synchronized (this) {
            if (!stopped) {
                sample();
                stopped = true;
                csv.close();
                verdict.example(InjectorVerdict.Cause.OUT_OF_FILES, transport.firstMessage(TransportErrors.Kind.FILE_DESCRIPTORS));
                verdict.example(InjectorVerdict.Cause.OUT_OF_PORTS, transport.firstMessage(TransportErrors.Kind.EPHEMERAL_PORTS));
                verdict.example(InjectorVerdict.Cause.CONNECT_FAILURES, transport.firstMessage(TransportErrors.Kind.CONNECT_FAILED));
            }
        }
        return verdict.saturations();
    }

    @Override
    public void close() {
        stop();
    }
}
