package io.dropnight.simulations.nights;

import java.time.Duration;
import java.util.Objects;

/**
 * One step of an injection profile, as data so that its arithmetic can be tested without Gatling.
 * Open kinds count arrivals; closed kinds hold a number of concurrent users.
 *
 * @param name     what the step models (for logs and tests), such as {@code drop-step}
 * @param kind     how users are injected
 * @param users    arrivals (open kinds) or the concurrency reached (closed kinds); 0 for {@link Kind#NOTHING}
 * @param duration how long the step lasts, rounded to whole seconds (see {@link #wholeSeconds})
 */
public record Phase(String name, Kind kind, int users, Duration duration) {

    /** The injection kinds the nights use; each maps to one Gatling injection step. */
    public enum Kind {
        /** {@code nothingFor(duration)}. */
        NOTHING(false),
        /** {@code rampUsers(users).during(duration)}: a constant arrival rate. */
        RAMP(false),
        /** {@code stressPeakUsers(users).during(duration)}: a smoothed step (Heaviside). */
        STRESS_PEAK(false),
        /** {@code rampConcurrentUsers(0).to(users).during(duration)}: closed model. */
        CONCURRENT_RAMP(true),
        /** {@code constantConcurrentUsers(users).during(duration)}: closed model. */
        CONCURRENT_CONSTANT(true);

        private final boolean closed;

        Kind(boolean closed) {
            this.closed = closed;
        }

        public boolean closed() {
            return closed;
        }
    }

    public Phase {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(duration, "duration");
        if (users < 0) {
            throw new IllegalArgumentException(name + ": users must be >= 0, was " + users);
        }
        if (duration.isNegative()) {
            throw new IllegalArgumentException(name + ": duration must be >= 0, was " + duration);
        }
        duration = wholeSeconds(duration);
    }

    /**
     * {@code d} rounded to the nearest whole second (half up). Gatling 3.15.1 truncates every
     * injection duration to whole seconds ({@code OpenInjectionStep.scala}: {@code duration.toSeconds.toInt}),
     * so a 1.9 s ramp would run in 1 s: every phase is planned in whole seconds instead, and the
     * planned arrivals per phase are the injected ones.
     */
    public static Duration wholeSeconds(Duration d) {
        long millis = d.toMillis();
        return Duration.ofSeconds((millis + 500) / 1000);
    }

    public static Phase nothing(String name, Duration d) {
        return new Phase(name, Kind.NOTHING, 0, d);
    }

    /**
     * The shortest ramp handed to Gatling. Gatling 3.15.1 started none of the users of a 0.4 s
     * ramp (a finale drop at compression 200 lost its whole drop step: 762 of 1,242 viewers),
     * while ramps of a second or more start every user; so a heavily compressed ramp lasts 1 s.
     */
    public static final Duration MIN_RAMP = Duration.ofSeconds(1);

    public static Phase ramp(String name, int users, Duration d) {
        return new Phase(name, Kind.RAMP, users, atLeastMinRamp(d));
    }

    public static Phase stressPeak(String name, int users, Duration d) {
        return new Phase(name, Kind.STRESS_PEAK, users, atLeastMinRamp(d));
    }

    private static Duration atLeastMinRamp(Duration d) {
        return d.compareTo(MIN_RAMP) < 0 ? MIN_RAMP : d;
    }

    public static Phase concurrentRamp(String name, int users, Duration d) {
        return new Phase(name, Kind.CONCURRENT_RAMP, users, d);
    }

    public static Phase concurrentConstant(String name, int users, Duration d) {
        return new Phase(name, Kind.CONCURRENT_CONSTANT, users, d);
    }

    /** New users started by this step in an open model (closed steps report 0). */
    public int arrivals() {
        return kind.closed() ? 0 : users;
    }

    /** Mean arrival rate over the step, users per second (0 for instantaneous or closed steps). */
    public double meanRatePerSecond() {
        return kind.closed() || duration.isZero() ? 0 : users * 1000.0 / duration.toMillis();
    }
}
