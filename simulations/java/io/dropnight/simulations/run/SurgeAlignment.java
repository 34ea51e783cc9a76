package io.dropnight.simulations.run;

import io.dropnight.simulations.params.Shard;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Lands the surge on the drop instant, measured on the injector's own timeline. Gatling starts
 * injecting some time after {@code before()} returns (about 0.8 s on a busy 2-core machine), and
 * every arrival is scheduled relative to that start, so a surge planned {@code dropOffset} after
 * the start lands that much late. Instead, the population that waits for the drop is injected
 * {@link #EARLY} ahead ({@code nothingFor(dropOffset - EARLY)}), and its first viewer measures where
 * it really arrived: every viewer of that population then waits the same {@link #delayMillis}, so
 * the whole surge (its step and its tail, their shape untouched) starts on the drop.
 *
 * <p>Thread-safe: any Gatling thread may call {@link #delayMillis}; the first call fixes the delay.
 */
public final class SurgeAlignment {
    /** How much earlier the surge population is injected: whole seconds, as Gatling needs. */
    public static final Duration EARLY = Duration.ofSeconds(2);
    private static final long UNSET = Long.MIN_VALUE;

    private final AtomicReference<Instant> dropAt = new AtomicReference<>();
    private final AtomicLong delayMillis = new AtomicLong(UNSET);
    private final Supplier<Instant> clock;

    /** @param clock the injector's wall clock (Instant::now) */
    /**
     * Only one injector aiming at a target's drop lands its surge on it. A sharded injector keeps
     * the timeline its shard was planned on ({@link DropAim}). The embedded service's nights keep
     * the timing their figures were calibrated on: the surge lands the injector's start lag (a few
     * hundred ms) after the drop; landing it exactly on the cold title cache made the default
     * finale drop several times worse in one run each (8.97 % error pages against 3.15 % and
     * 2.14 %, on 2026-12-06). run.json records where it landed either way.
     *
     * @return an alignment on the wall clock for one injector aiming at a drop; empty otherwise
     */
    public static Optional<SurgeAlignment> forNight(Shard shard, Optional<DropAim> aim) {
        return !shard.sharded() && aim.isPresent() ? Optional.of(new SurgeAlignment(Instant::now)) : Optional.empty();
    }

    public SurgeAlignment(Supplier<Instant> clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** How much earlier a surge population whose wait is {@code before} is injected: {@link #EARLY}, at most {@code before}. */
    public static Duration early(Duration before) {
        return before.compareTo(EARLY) < 0 ? Duration.ofSeconds(before.getSeconds()) : EARLY;
    }

    /** The drop instant to land on, set once the injection's timeline is known ({@code before()}). */
    public void aimAt(Instant drop) {
        dropAt.set(Objects.requireNonNull(drop, "drop"));
    }

    /**
     * The pause before a surge viewer arrives: the first caller fixes it as the time left from its
     * own arrival to the drop (zero when late, or when no drop was set).
     */
    public long delayMillis() {
        long d = delayMillis.get();
        if (d != UNSET) {
            return d;
        }
        Instant drop = dropAt.get();
        long left = drop == null ? 0 : Math.max(0, Duration.between(clock.get(), drop).toMillis());
        delayMillis.compareAndSet(UNSET, left);
        return delayMillis.get();
    }
}
