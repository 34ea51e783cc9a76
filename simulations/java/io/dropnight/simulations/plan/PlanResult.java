package io.dropnight.simulations.plan;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * What a search found. Immutable.
 *
 * @param axis      what was varied
 * @param outcome   how the search ended
 * @param answer    capacity: the least slots that passed; audience: the largest multiplier that
 *                  passed (empty when nothing passed, or the first probe was inconclusive)
 * @param bandLow   the lower end of the range the threshold lies in (empty when unbounded)
 * @param bandHigh  the upper end
 * @param confirmed whether the answer passed on two probes or more by majority and the step
 *                  beyond it failed the same way, within the resolution
 * @param summary   one line for people
 * @param probes    every probe, in the order run
 * @param elapsed   wall-clock time of the whole search
 */
public record PlanResult(Axis axis, Outcome outcome, OptionalDouble answer, OptionalDouble bandLow,
                         OptionalDouble bandHigh, boolean confirmed, String summary, List<ProbeResult> probes,
                         Duration elapsed) {

    /** How a search ended. */
    public enum Outcome {
        /** A threshold found within the resolution and confirmed. */
        ANSWER,
        /** Probes near the threshold disagreed: the answer is the safe end of a band. */
        BAND,
        /** A probe was inconclusive (load generator saturated): the search stopped there. */
        INCONCLUSIVE,
        /** Even the most demanding value tried passed (the fewest slots, the largest audience). */
        ALWAYS_PASSES,
        /** Even the most generous value tried failed (the most slots, the smallest audience). */
        NEVER_PASSES,
        /** A probe could not be run; the probes before it are kept. */
        ERROR
    }

    public PlanResult {
        Objects.requireNonNull(axis, "axis");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(answer, "answer");
        Objects.requireNonNull(bandLow, "bandLow");
        Objects.requireNonNull(bandHigh, "bandHigh");
        Objects.requireNonNull(summary, "summary");
        probes = List.copyOf(probes);
        Objects.requireNonNull(elapsed, "elapsed");
    }

    /** Label used in plan.json: {@code answer}, {@code band}, {@code inconclusive}, ... */
    public String outcomeLabel() {
        return outcome.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
