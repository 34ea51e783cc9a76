package io.dropnight.simulations.watch;

import io.dropnight.simulations.params.InjectorBounds;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Reads the load generator's samples against its {@link InjectorBounds} and keeps, per cause, the
 * first second a bound was passed with its figure, and the worst figure after it. Pure: no clock,
 * no I/O; the samples carry everything. Not thread-safe: one watch thread feeds it, then
 * {@link #saturations()} is read once it has stopped.
 */
public final class InjectorVerdict {
    /** What saturated the load generator. */
    public enum Cause {
        FILE_DESCRIPTORS("open files"),
        CPU("CPU"),
        HOT_THREAD("one thread's CPU"),
        GC("GC"),
        INJECTION_LAG("injection lag"),
        OUT_OF_FILES("out of open files"),
        OUT_OF_PORTS("out of ephemeral ports"),
        CONNECT_FAILURES("connect failures while saturated");

        private final String label;

        Cause(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private final InjectorBounds bounds;
    private final long plannedArrivals;
    private final Map<Cause, String> first = new EnumMap<>(Cause.class);
    private final Map<Cause, Integer> breachedSeconds = new EnumMap<>(Cause.class);
    private final Map<Cause, Long> failedRequests = new EnumMap<>(Cause.class);
    private final Map<Cause, String> examples = new EnumMap<>(Cause.class);
    private int cpuRun;
    private int hotRun;
    private int lagRun;
    private long noResponsesWhileFdsHigh;
    /** The last second the injector was past a figure of its own, and which; null before any. */
    private long lastOwnSecond;
    private String lastOwn;

    /**
     * @param bounds          the bounds
     * @param plannedArrivals the night's planned arrivals (this injector's share): the base of the lag bound
     */
    public InjectorVerdict(InjectorBounds bounds, long plannedArrivals) {
        this.bounds = Objects.requireNonNull(bounds, "bounds");
        this.plannedArrivals = plannedArrivals;
    }

    /** Reads one second. */
    public void accept(InjectorSample s) {
        if (s.fdLimit() > 0 && s.openFds() * 100.0 > bounds.fdPercent() * s.fdLimit()) {
            noResponsesWhileFdsHigh += s.noResponses();
            breach(Cause.FILE_DESCRIPTORS, s, String.format(Locale.ROOT, "%d open of a limit of %d (%.1f %%, bound %s %%)",
                    s.openFds(), s.fdLimit(), 100.0 * s.openFds() / s.fdLimit(), num(bounds.fdPercent())));
        }
        cpuRun = s.cpuPercent() >= bounds.cpuPercent() ? cpuRun + 1 : 0;
        if (cpuRun >= bounds.cpuSeconds()) {
            breach(Cause.CPU, s, String.format(Locale.ROOT, "%.1f %% of all cores for %d s (bound %s %% for %d s)",
                    s.cpuPercent(), cpuRun, num(bounds.cpuPercent()), bounds.cpuSeconds()));
        }
        hotRun = s.hotThreadPercent() >= bounds.cpuPercent() ? hotRun + 1 : 0;
        if (hotRun >= bounds.cpuSeconds()) {
            breach(Cause.HOT_THREAD, s, String.format(Locale.ROOT, "%.1f %% of a core for %d s (bound %s %% for %d s)",
                    s.hotThreadPercent(), hotRun, num(bounds.cpuPercent()), bounds.cpuSeconds()));
        }
        if (s.gcMillis() > bounds.gcMillisPerSecond()) {
            breach(Cause.GC, s, String.format(Locale.ROOT, "%d ms of GC in one second (bound %d ms/s)",
                    s.gcMillis(), bounds.gcMillisPerSecond()));
        }
        long behind = s.plannedViewers() - s.startedViewers();
        boolean late = s.plannedViewers() > 0 && behind > 0 && behind * 100.0 > bounds.lagPercent() * plannedArrivals;
        lagRun = late ? lagRun + 1 : 0;
        if (lagRun >= bounds.lagSeconds()) {
            breach(Cause.INJECTION_LAG, s, String.format(Locale.ROOT,
                    "%d viewers started, %d planned %s earlier: %d behind for %d s (bound %s %% of %d arrivals for %d s)",
                    s.startedViewers(), s.plannedViewers(), grace(), behind, lagRun, num(bounds.lagPercent()),
                    plannedArrivals, bounds.lagSeconds()));
        }
        if (s.fdErrors() > bounds.fdErrorsPerSecond()) {
            failed(Cause.OUT_OF_FILES, s, s.fdErrors(), String.format(Locale.ROOT,
                    "%d requests failed for lack of a file descriptor in one second (bound %d/s)", s.fdErrors(),
                    bounds.fdErrorsPerSecond()));
        }
        if (s.portErrors() > bounds.portErrorsPerSecond()) {
            failed(Cause.OUT_OF_PORTS, s, s.portErrors(), String.format(Locale.ROOT,
                    "%d requests failed for lack of an ephemeral port in one second (bound %d/s)", s.portErrors(),
                    bounds.portErrorsPerSecond()));
        }
        List<String> own = ownSignals(s);
        if (!own.isEmpty()) {
            lastOwnSecond = s.second();
            lastOwn = String.join(", ", own);
        }
        long window = bounds.connectWindow().toSeconds();
        if (s.connectFailed() > bounds.connectFailuresPerSecond() && lastOwn != null && s.second() - lastOwnSecond <= window) {
            failed(Cause.CONNECT_FAILURES, s, s.connectFailed(), String.format(Locale.ROOT,
                    "%d connects timed out or unreachable in one second, the injector past its own %s at +%d s"
                            + " (bound %d/s within %d s of such a second)",
                    s.connectFailed(), lastOwn, lastOwnSecond, bounds.connectFailuresPerSecond(), window));
        }
    }

    /**
     * The injector's own figures past their per-second bound in this second, whatever their run: a
     * connect timing out then may be the injector's event loop, not the target.
     */
    private List<String> ownSignals(InjectorSample s) {
        List<String> own = new ArrayList<>();
        if (s.cpuPercent() >= bounds.cpuPercent()) {
            own.add("CPU");
        }
        if (s.hotThreadPercent() >= bounds.cpuPercent()) {
            own.add("one thread's CPU");
        }
        if (s.gcMillis() > bounds.gcMillisPerSecond()) {
            own.add("GC");
        }
        if (s.fdLimit() > 0 && s.openFds() * 100.0 > bounds.fdPercent() * s.fdLimit()) {
            own.add("open files");
        }
        if (s.fdErrors() > 0 || s.portErrors() > 0) {
            own.add("descriptor or port errors");
        }
        return own;
    }

    private void failed(Cause cause, InjectorSample s, long requests, String figure) {
        breach(cause, s, figure);
        failedRequests.merge(cause, requests, Long::sum);
    }

    /** The first error behind a transport cause, as Gatling reported it: added to its sentence. */
    public void example(Cause cause, String error) {
        if (error != null) {
            examples.put(cause, error);
        }
    }

    private void breach(Cause cause, InjectorSample s, String figure) {
        first.putIfAbsent(cause, figure + " at +" + s.second() + " s");
        breachedSeconds.merge(cause, 1, Integer::sum);
    }

    /**
     * One sentence per cause, in {@link Cause} order: what, when first, the figure, and for how many
     * seconds; empty when the load generator stayed within its bounds.
     */
    public List<String> saturations() {
        List<String> out = new ArrayList<>();
        first.forEach((cause, figure) -> {
            String s = cause.label() + ": " + figure + ", " + breachedSeconds.get(cause) + " s past the bound in all";
            if (cause == Cause.FILE_DESCRIPTORS && noResponsesWhileFdsHigh > 0) {
                s += "; " + noResponsesWhileFdsHigh + " requests got no response meanwhile";
            }
            if (failedRequests.containsKey(cause)) {
                s += "; " + failedRequests.get(cause) + " such requests in those seconds";
            }
            if (examples.containsKey(cause)) {
                s += "; first: " + examples.get(cause);
            }
            out.add(s);
        });
        return out;
    }

    public boolean saturated() {
        return !first.isEmpty();
    }

    private String grace() {
        long ms = bounds.lagGrace().toMillis();
        return ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
    }

    private static String num(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%s", v);
    }
}
