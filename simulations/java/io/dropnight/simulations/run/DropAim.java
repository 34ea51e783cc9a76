package io.dropnight.simulations.run;

import io.dropnight.simulations.params.Shard;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * How a sharded injector lands its share of the surge on the target's drop instant, whenever it
 * was started: every injector keeps the night's own timeline (its drop offset, so its waiting
 * crowd gathers as long before the drop as on one injector), waits until
 * {@code injectionStartAt = dropAt - dropOffset}, and so starts its surge at {@code dropAt}
 * together with the others. The offset is whole seconds because Gatling truncates injection
 * durations to whole seconds. Immutable.
 *
 * @param dropAt           the target's announced drop instant
 * @param dropOffset       from the first injection to the drop, whole seconds, at least 1 s
 * @param injectionStartAt when the injection must start: {@code dropAt - dropOffset}
 */
public record DropAim(Instant dropAt, Duration dropOffset, Instant injectionStartAt) {
    /**
     * Time left for the simulation to be built and for Gatling to start after the aim is taken:
     * over 4 s on a busy 2-core machine (and more under a full test suite), so an injector must
     * start at least this much plus the night's offset before the drop.
     */
    public static final Duration LEAD = Duration.ofSeconds(20);
    /** An injector waits at most this long for its start: a bound on a mistaken drop instant. */
    public static final Duration MAX_WAIT = Duration.ofHours(1);

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
     * Aims injector {@code shard} at the target's drop, on the night's own timeline.
     *
     * @param now         the injector's clock now
     * @param announced   the drop instant the target announces, empty when it announces none
     * @param nightOffset the night's drop offset (from its first injection to its drop); rounded
     *                    up to whole seconds
     * @throws Refused when there is no drop to aim at, or it is past, too close or over an hour away
     */
    public static DropAim at(Instant now, Optional<Instant> announced, Shard shard, Duration nightOffset) {
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
        long wholeSeconds = Math.max(1, nightOffset.getSeconds() + (nightOffset.getNano() > 0 ? 1 : 0));
        Duration offset = Duration.ofSeconds(wholeSeconds);
        Duration needed = offset.plus(LEAD);
        if (untilDrop.compareTo(needed) < 0) {
            throw new Refused(String.format(Locale.ROOT, "%s started %s before the target's drop at %s: too late to run"
                    + " the night's %s before the drop (it needs %s, %s of them to start); start every injector earlier",
                    who, seconds(untilDrop), dropAt, seconds(offset), seconds(needed), seconds(LEAD)));
        }
        if (untilDrop.minus(offset).compareTo(MAX_WAIT) > 0) {
            throw new Refused(String.format(Locale.ROOT, "%s: the target's drop at %s is %s away, so this injector would"
                    + " wait over 1 h to start; start the injectors within the hour before the drop", who, dropAt,
                    seconds(untilDrop)));
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
