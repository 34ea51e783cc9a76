package io.dropnight.simulations.nights;

import io.dropnight.simulations.params.NightParameters;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One entry of a population's {@code arrivals} in a night file, in the real night's numbers (users
 * at scale 1, real durations): turned into {@link Phase}s for given parameters (scaled, compressed,
 * whole seconds as Gatling needs). Immutable.
 *
 * @param kind  what the entry says
 * @param name  the phase's name (for logs and tests)
 * @param users viewers at scale 1: arrivals (open kinds), the first tail segment's, or a concurrency (closed kinds)
 * @param real  how long, in the real night (zero for {@link Kind#GATHER} and {@link Kind#UNTIL_DROP})
 * @param count the tail's segments (each halves the one before); 0 for other kinds
 * @param perSecond {@link Kind#PER_SECOND}'s viewers in each second, in order; empty for other kinds
 */
public record Arrival(Kind kind, String name, int users, Duration real, int count, List<Integer> perSecond) {
    /** The kinds a night file writes. */
    public enum Kind {
        /** {@code gather: N}: N arrivals spread over the time before the drop, less 5 s of calm. */
        GATHER,
        /** {@code until: drop}: nobody arrives until the drop. */
        UNTIL_DROP,
        /** {@code pause: D}: nobody arrives for D. */
        PAUSE,
        /** {@code ramp: N, over: D}: N arrivals at a constant rate over D. */
        RAMP,
        /** {@code peak: N, over: D}: N arrivals as a smoothed step over D (Gatling's stressPeakUsers). */
        PEAK,
        /** {@code tail: N, halvings: K, every: D}: K segments of D, N arrivals in the first, each next half the one before. */
        TAIL,
        /** {@code join: N, over: D}: a closed audience growing from none to N concurrent viewers over D. */
        JOIN,
        /** {@code stay: N, over: D}: N concurrent viewers held for D. */
        STAY,
        /**
         * {@code perSecond: [n0, n1, ...]}: a measured curve, n0 arrivals in its first second, n1 in
         * the next, each second's at a constant rate ({@code dropnight learn night} writes it).
         */
        PER_SECOND
    }

    public Arrival {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(real, "real");
        perSecond = List.copyOf(perSecond);
        if ((kind == Kind.PER_SECOND) == perSecond.isEmpty()) {
            throw new IllegalArgumentException(name + ": a perSecond curve, and only it, lists its seconds");
        }
    }

    /** An entry of any kind but {@link Kind#PER_SECOND}. */
    public Arrival(Kind kind, String name, int users, Duration real, int count) {
        this(kind, name, users, real, count, List.of());
    }

    /** A measured curve: {@code perSecond.get(i)} viewers in its second {@code i}. */
    public static Arrival perSecond(String name, List<Integer> perSecond) {
        long total = perSecond.stream().mapToLong(Integer::longValue).sum();
        return new Arrival(Kind.PER_SECOND, name, (int) Math.min(Integer.MAX_VALUE, total),
                Duration.ofSeconds(perSecond.size()), 0, perSecond);
    }

    public boolean closed() {
        return kind == Kind.JOIN || kind == Kind.STAY;
    }

    /** This entry's phases for {@code p}, the drop {@code drop} after the first arrival (compressed). */
    List<Phase> phases(NightParameters p, Duration drop) {
        return switch (kind) {
            case GATHER -> List.of(Phase.ramp(name, p.users(users), Nights.gathering(drop)));
            case UNTIL_DROP -> List.of(Phase.nothing(name, drop));
            case PAUSE -> List.of(Phase.nothing(name, p.compressed(real)));
            case RAMP -> List.of(Phase.ramp(name, p.users(users), p.compressed(real)));
            case PEAK -> List.of(Phase.stressPeak(name, p.users(users), p.compressed(real)));
            case TAIL -> Nights.halvingTail(name, p.users(users), count, p.compressed(real));
            case JOIN -> List.of(Phase.concurrentRamp(name, p.users(users), p.compressed(real)));
            case STAY -> List.of(Phase.concurrentConstant(name, p.users(users), p.compressed(real)));
            case PER_SECOND -> curvePhases(p.scale(), p.compressed(real));
        };
    }

    /**
     * The measured curve on the rehearsal's timeline: one phase per whole second of the compressed
     * curve, each holding the scaled viewers the curve brings in that span (read off its cumulative
     * count, linear within a measured second), runs of empty seconds merged into one pause. The
     * scaled total is rounded once, at least one viewer as every kind, and every second's share is
     * taken from the rounded cumulative count, so the seconds add up to it exactly; at scale 1 and
     * compression 1 each second is the measured one.
     */
    private List<Phase> curvePhases(double scale, Duration compressed) {
        long total = perSecond.stream().mapToLong(Integer::longValue).sum();
        long scaledTotal = Math.max(1, Math.round(total * scale));
        int seconds = (int) Math.max(1, Phase.wholeSeconds(compressed).getSeconds());
        double[] cumulative = new double[perSecond.size() + 1];
        for (int i = 0; i < perSecond.size(); i++) {
            cumulative[i + 1] = cumulative[i] + perSecond.get(i);
        }
        List<Phase> phases = new java.util.ArrayList<>();
        long before = 0;
        int quietSince = -1;
        for (int k = 0; k < seconds; k++) {
            double realEnd = (double) perSecond.size() * (k + 1) / seconds;
            int bin = (int) Math.min(perSecond.size() - 1, Math.floor(realEnd));
            double reached = k + 1 == seconds ? total : cumulative[bin] + (realEnd - bin) * perSecond.get(bin);
            long upTo = Math.round(scaledTotal * reached / total);
            long users = upTo - before;
            before = upTo;
            if (users == 0) {
                quietSince = quietSince < 0 ? k : quietSince;
                continue;
            }
            if (quietSince >= 0) {
                phases.add(Phase.nothing(name + "-" + (quietSince + 1), Duration.ofSeconds(k - quietSince)));
                quietSince = -1;
            }
            phases.add(Phase.ramp(name + "-" + (k + 1), (int) users, Duration.ofSeconds(1)));
        }
        if (quietSince >= 0) {
            phases.add(Phase.nothing(name + "-" + (quietSince + 1), Duration.ofSeconds(seconds - quietSince)));
        }
        return phases;
    }

    /** The viewers this entry brings at scale 1 (a tail's segments summed, halving as planned). */
    long viewersAtScaleOne() {
        if (kind == Kind.TAIL) {
            long sum = 0;
            for (int i = 0, n = users; i < count; i++, n = Math.max(1, n / 2)) {
                sum += n;
            }
            return sum;
        }
        if (kind == Kind.PER_SECOND) {
            return perSecond.stream().mapToLong(Integer::longValue).sum();
        }
        return kind == Kind.UNTIL_DROP || kind == Kind.PAUSE ? 0 : users;
    }
}
