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
 */
public record Arrival(Kind kind, String name, int users, Duration real, int count) {
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
        STAY
    }

    public Arrival {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(real, "real");
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
        };
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
        return kind == Kind.UNTIL_DROP || kind == Kind.PAUSE ? 0 : users;
    }
}
