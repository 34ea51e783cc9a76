package io.dropnight.simulations.watch;

import io.dropnight.simulations.client.ClientMetrics;
import io.dropnight.simulations.nights.NightPlan;
import io.dropnight.simulations.params.InjectorBounds;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything that watches the load generator itself during one night, started and stopped
 * together: descriptors held back from the start so that an injector out of them can still write
 * its run folder, the transport errors told apart by kind (through logback, when it is bound),
 * and the {@link InjectorWatch} writing injector.csv every second. Not thread-safe: the night's
 * hooks call it in turn.
 */
public final class InjectorGuard {
    /** Descriptors kept for after(): enough to close the logs and write the run folder's files. */
    private static final int RESERVED_FDS = 32;

    private final DescriptorReserve reserve;
    private final TransportErrors transportErrors = new TransportErrors();
    private final PrintStream err;
    private Optional<TransportErrorFilter> filter = Optional.empty();
    private volatile InjectorWatch watch;

    private InjectorGuard(DescriptorReserve reserve, PrintStream err) {
        this.reserve = reserve;
        this.err = Objects.requireNonNull(err, "err");
    }

    /** Holds the descriptors now, before the night opens any connection. */
    public static InjectorGuard hold(ClassLoader loader, PrintStream err) {
        return new InjectorGuard(DescriptorReserve.hold(RESERVED_FDS, loader), err);
    }

    /**
     * At the injection's start: tells transport errors apart and starts writing {@code injectorLog}.
     * Either failing costs a warning line, not the night: the verdict then cannot tell that cause.
     */
    public void start(Path injectorLog, ClientMetrics metrics, NightPlan plan, InjectorBounds bounds) {
        filter = TransportErrorFilter.install(transportErrors);
        if (filter.isEmpty()) {
            err.println("dropnight: SLF4J is not bound to logback here: transport errors (out of descriptors or"
                    + " ports, connect failures) cannot be told apart, only counted as requests with no response");
        }
        try {
            watch = InjectorWatch.start(injectorLog, metrics, new PlannedArrivals(plan), bounds.lagGrace(),
                    new InjectorVerdict(bounds, plan.totalArrivals()), transportErrors);
        } catch (IOException e) {
            err.println("dropnight: the injector watch could not start, the verdict cannot tell a saturated"
                    + " load generator: " + e.getMessage());
        }
    }

    /**
     * After the night: the reserve given back, the watch's last sample taken and injector.csv closed.
     *
     * @return the bounds the injector passed, one line each (empty when none, or never started)
     */
    public List<String> stop() {
        reserve.release();
        List<String> saturations = watch == null ? List.of() : watch.stop();
        filter.ifPresent(TransportErrorFilter::uninstall);
        return saturations;
    }

    /** The watch's last second, for the live views; empty before the first. Any thread. */
    public Optional<InjectorSample> latest() {
        InjectorWatch w = watch;
        return w == null ? Optional.empty() : w.latest();
    }

    /** Whether the load generator has passed one of its bounds so far. Any thread. */
    public boolean saturatedSoFar() {
        InjectorWatch w = watch;
        return w != null && w.saturated();
    }

    /** Gives the held descriptors back (again harmless). */
    public void release() {
        reserve.release();
    }

    /** The night's transport errors by kind; empty when they could not be told apart. */
    public Optional<TransportErrors> transportErrors() {
        return filter.map(f -> transportErrors);
    }
}
