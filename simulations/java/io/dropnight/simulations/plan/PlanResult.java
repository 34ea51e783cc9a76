package io.dropnight.simulations.plan;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What a search found. Immutable.
 *
 * @param axis      what was varied
 * @param outcome   how the search ended
 * @param answer    capacity: the least slots that passed, or for an estimate the least slots
 *                  predicted to pass with the confidence; audience: the largest multiplier that
 *                  passed (empty when nothing passed, or the first probe was inconclusive)
 * @param bandLow   the lower end of the range the threshold lies in (empty when unbounded); for
 *                  an estimate, the capacity that passes half the time
 * @param bandHigh  the upper end
 * @param confirmed whether the answer passed on two probes or more by majority and the step
 *                  beyond it failed the same way, within the resolution
 * @param summary   one line for people
 * @param probes    every probe, in the order run
 * @param elapsed   wall-clock time of the whole search
 * @param estimate  a capacity search's estimate from its probes' figures, or why they could not
 *                  support one (empty for an audience search, or before any estimate was tried)
 */
public record PlanResult(Axis axis, Outcome outcome, OptionalDouble answer, OptionalDouble bandLow,
                         OptionalDouble bandHigh, boolean confirmed, String summary, List<ProbeResult> probes,
                         Duration elapsed, Optional<CapacityEstimate> estimate) {

    /** How a search ended. */
    public enum Outcome {
        /** A threshold found within the resolution and confirmed. */
        ANSWER,
        /**
         * Capacity: the least capacity whose predicted probability of passing every SLO reaches the
         * confidence, from a fit of the probes' figures; the band runs from the capacity that passes
         * half the time to it.
         */
        ESTIMATE,
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
        Objects.requireNonNull(estimate, "estimate");
    }

    /** A result without an estimate (an audience search, or a search told to count votes only). */
    public PlanResult(Axis axis, Outcome outcome, OptionalDouble answer, OptionalDouble bandLow, OptionalDouble bandHigh,
                      boolean confirmed, String summary, List<ProbeResult> probes, Duration elapsed) {
        this(axis, outcome, answer, bandLow, bandHigh, confirmed, summary, probes, elapsed, Optional.empty());
    }

    /** Label used in plan.json: {@code answer}, {@code band}, {@code inconclusive}, ... */
    public String outcomeLabel() {
        return outcome.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
