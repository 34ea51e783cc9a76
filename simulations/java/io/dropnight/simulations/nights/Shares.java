package io.dropnight.simulations.nights;

import io.dropnight.simulations.params.NightParameters;
import io.dropnight.simulations.params.ParameterException;
import io.dropnight.simulations.params.Shard;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One injector's share of a night. Viewer {@code k} of the night (counted through every open
 * phase in plan order) goes to injector {@code k mod N}; so the N shares of each phase add up to
 * the phase exactly, no viewer is lost or doubled when N does not divide it, and the injectors'
 * totals differ by at most one viewer. Phase names, kinds and durations are kept: every injector
 * runs the same timeline, each with fewer viewers.
 *
 * <p>A closed-model population is a level of concurrency, not a count: its level is dealt the same
 * way, with one cursor for all of its phases, so an injector that ramps to 667 holds 667.
 * Stateless and thread-safe.
 */
public final class Shares {
    private Shares() {
    }

    /** The share of {@code whole} that injector {@code shard} runs; the plan itself when not sharded. */
    public static NightPlan of(NightPlan whole, Shard shard) {
        Objects.requireNonNull(whole, "whole");
        Objects.requireNonNull(shard, "shard");
        if (!shard.sharded()) {
            return whole;
        }
        long openCursor = 0;
        long closedCursor = 0;
        List<Population> populations = new ArrayList<>();
        for (Population p : whole.populations()) {
            List<Phase> phases = new ArrayList<>();
            for (Phase phase : p.phases()) {
                if (phase.kind().closed()) {
                    phases.add(withUsers(phase, share(closedCursor, phase.users(), shard)));
                } else {
                    phases.add(withUsers(phase, share(openCursor, phase.users(), shard)));
                    openCursor += phase.users();
                }
            }
            if (p.closedModel()) {
                closedCursor += p.peakConcurrency();
            }
            populations.add(new Population(p.name(), p.journey(), phases, p.episodes(), p.heartbeats(),
                    p.heartbeatInterval()));
        }
        return new NightPlan(whole.night(), whole.dropOffset(), populations, whole.eventLength());
    }

    /**
     * The share, refused when it holds no viewer at all: Gatling cannot run a night in which no one
     * starts (it fails after the run, with no report), so too many injectors for a small night is a
     * bad parameter, said before any load.
     *
     * @throws ParameterException naming {@code injectors}, its value and the night's size
     */
    public static NightPlan withViewers(NightPlan whole, Shard shard) {
        NightPlan share = of(whole, shard);
        if (share.totalArrivals() == 0 && share.peakConcurrentViewers() == 0) {
            throw new ParameterException(NightParameters.INJECTORS, shard.count(), String.format(java.util.Locale.ROOT,
                    "injector %d would run no viewer (the night has %d arrivals and %d concurrent viewers);"
                            + " use fewer injectors or a larger -Dscale", shard.index(), whole.totalArrivals(),
                    whole.peakConcurrentViewers()));
        }
        return share;
    }

    /**
     * How many of the {@code users} numbered {@code cursor .. cursor + users - 1} fall to the
     * injector: those whose number is congruent to its index modulo the count.
     */
    static int share(long cursor, int users, Shard shard) {
        return (int) (upTo(cursor + users, shard) - upTo(cursor, shard));
    }

    /** Numbers in {@code [0, end)} congruent to {@code shard.index()} modulo {@code shard.count()}. */
    private static long upTo(long end, Shard shard) {
        return Math.floorDiv(end - shard.index() + shard.count() - 1, shard.count());
    }

    /**
     * The phase with the injector's user count. An open step left with no one becomes a pause of
     * the same length, so that the steps after it keep their place on the timeline.
     */
    private static Phase withUsers(Phase phase, int users) {
        if (users == 0 && !phase.kind().closed() && phase.kind() != Phase.Kind.NOTHING) {
            return Phase.nothing(phase.name(), phase.duration());
        }
        return new Phase(phase.name(), phase.kind(), users, phase.duration());
    }
}
