package io.dropnight.simulations.run;

import io.dropnight.simulations.params.Shard;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * How a sharded injector lands its share of the surge on the target's drop instant, whenever it
 * was started: it waits until {@code injectionStartAt}, then its timeline puts the drop
 * {@code dropOffset} later, at {@code dropAt}. The offset is whole seconds because Gatling
 * truncates injection durations to whole seconds; the wait absorbs the rest, so injectors started
 * at different times start their surges together. Immutable.
 *
 * @param dropAt           the target's announced drop instant
 * @param dropOffset       from the first injection to the drop, whole seconds, at least 1 s
 * @param injectionStartAt when the injection must start: {@code dropAt - dropOffset}
 */
public record DropAim(Instant dropAt, Duration dropOffset, Instant injectionStartAt) {
    /**
     * Time left for the simulation to be built and for Gatling to start after the aim is taken;
     * the constructor and Gatling's start take well under a second here.
     */
    public static final Duration LEAD = Duration.ofSeconds(3);
    private static final Duration MAX_OFFSET = Duration.ofHours(1);

    public DropAim {
        Objects.requireNonNull(dropAt, "dropAt");
        Objects.requireNonNull(dropOffset, "dropOffset");
        Objects.requireNonNull(injectionStartAt, "injectionStartAt");
    }

    /** A night an injector must not run: the message is one line for a person. */
    public static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Aims injector {@code shard} at the target's drop.
     *
     * @param now       the injector's clock now
     * @param announced the drop instant the target announces, empty when it announces none
     * @throws Refused when there is no drop to aim at, or it is past, too close or over an hour away
     */
    public static DropAim at(Instant now, Optional<Instant> announced, Shard shard) {
        String who = shard.describe();
        if (announced.isEmpty()) {
            throw new Refused(who + ": the target announces no drop instant, so the injectors have no common drop to aim"
                    + " their surges at; refusing to run a night whose shares would land at different times");
        }
        Instant dropAt = announced.get();
        Duration untilDrop = Duration.between(now, dropAt);
        if (untilDrop.isNegative() || untilDrop.isZero()) {
            throw new Refused(String.format(Locale.ROOT, "%s started %s after the target's drop at %s: its share of the"
                    + " surge would land late and distort the night; start every injector before the drop", who,
                    seconds(untilDrop.negated()), dropAt));
        }
        long offsetSeconds = untilDrop.minus(LEAD).getSeconds();
        if (offsetSeconds < 1) {
            throw new Refused(String.format(Locale.ROOT, "%s started %s before the target's drop at %s: too late to aim"
                    + " its share at the drop (it needs %s); start every injector earlier", who, seconds(untilDrop), dropAt,
                    seconds(LEAD.plusSeconds(1))));
        }
        Duration offset = Duration.ofSeconds(offsetSeconds);
        if (offset.compareTo(MAX_OFFSET) > 0) {
            throw new Refused(String.format(Locale.ROOT, "%s: the target's drop at %s is %s away, more than 1 h; start"
                    + " the injectors within the hour before the drop", who, dropAt, seconds(untilDrop)));
        }
        return new DropAim(dropAt, offset, dropAt.minus(offset));
    }

    /**
     * Waits until {@link #injectionStartAt()} (a scheduled start, like a timer, not a poll).
     *
     * @return how late the injection starts, zero or more (it may already be past)
     */
    public Duration awaitInjectionStart(java.util.function.Supplier<Instant> clock) throws InterruptedException {
        Duration left = Duration.between(clock.get(), injectionStartAt);
        if (!left.isNegative() && !left.isZero()) {
            java.util.concurrent.TimeUnit.NANOSECONDS.sleep(left.toNanos());
        }
        Duration late = Duration.between(injectionStartAt, clock.get());
        return late.isNegative() ? Duration.ZERO : late;
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.3f s", d.toMillis() / 1000.0);
    }
}
