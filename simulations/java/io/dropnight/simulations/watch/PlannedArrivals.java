package io.dropnight.simulations.watch;

import io.dropnight.simulations.nights.NightPlan;
import io.dropnight.simulations.nights.Phase;
import io.dropnight.simulations.nights.Population;

import java.time.Duration;
import java.util.Objects;

/**
 * How many viewers the plan has started by a moment of the injection: the yardstick of injection
 * lag. Ramps count linearly; a stress peak (Gatling's smoothed step) counts only once it has ended,
 * a lower bound, so that the lag is never overstated. Closed-model populations start viewers to
 * hold a concurrency, not on a schedule: they are not counted. Immutable.
 */
public final class PlannedArrivals {
    private final NightPlan plan;

    public PlannedArrivals(NightPlan plan) {
        this.plan = Objects.requireNonNull(plan, "plan");
    }

    /** Open-model arrivals the plan started in its first {@code elapsed} of injection. */
    public long by(Duration elapsed) {
        if (elapsed.isNegative() || elapsed.isZero()) {
            return 0;
        }
        long total = 0;
        for (Population p : plan.populations()) {
            if (!p.closedModel()) {
                total += by(p, elapsed.toMillis());
            }
        }
        return total;
    }

    /**
     * Open-model arrivals the plan had started by {@code nowNanos}, less {@code grace}, on the clock the
     * injector reads: the plan's starts when its first viewer really arrived (Gatling's own start-up is
     * not lag). 0 before the first arrival ({@code firstUserNanos} 0) or without open arrivals.
     *
     * @param firstUserNanos when the first viewer arrived, {@link System#nanoTime()}; 0 before
     * @param nowNanos       now, on the same clock
     */
    public long byNow(long firstUserNanos, long nowNanos, Duration grace) {
        if (!anyOpen() || firstUserNanos == 0) {
            return 0;
        }
        return by(Duration.ofNanos(nowNanos - firstUserNanos).plus(firstArrival()).minus(grace));
    }

    /** When the plan's first viewer arrives after the injection starts (the end of its leading quiet steps). */
    public Duration firstArrival() {
        Duration first = null;
        for (Population p : plan.populations()) {
            if (p.closedModel()) {
                continue;
            }
            Duration at = Duration.ZERO;
            for (Phase phase : p.phases()) {
                if (phase.arrivals() > 0) {
                    first = first == null || at.compareTo(first) < 0 ? at : first;
                    break;
                }
                at = at.plus(phase.duration());
            }
        }
        return first == null ? Duration.ZERO : first;
    }

    /** Whether any population is planned on a schedule of arrivals. */
    public boolean anyOpen() {
        return plan.populations().stream().anyMatch(p -> !p.closedModel());
    }

    /**
     * {@code p}'s planned arrivals in each second of the injection, as {@link #by} counts them (a
     * stress peak lands in the second it ends), for {@code seconds} seconds.
     */
    public static long[] perSecond(Population p, int seconds) {
        long[] out = new long[Math.max(0, seconds)];
        long before = 0;
        for (int s = 0; s < out.length; s++) {
            long now = by(p, (s + 1) * 1000L);
            out[s] = now - before;
            before = now;
        }
        return out;
    }

    private static long by(Population p, long elapsedMs) {
        long startMs = 0;
        long arrived = 0;
        for (Phase phase : p.phases()) {
            long lengthMs = phase.duration().toMillis();
            long inPhaseMs = Math.min(lengthMs, elapsedMs - startMs);
            if (inPhaseMs <= 0) {
                break;
            }
            if (phase.kind() == Phase.Kind.RAMP && lengthMs > 0) {
                arrived += (long) Math.floor((double) phase.users() * inPhaseMs / lengthMs);
            } else if (inPhaseMs >= lengthMs) {
                arrived += phase.arrivals();
            }
            startMs += lengthMs;
        }
        return arrived;
    }
}
