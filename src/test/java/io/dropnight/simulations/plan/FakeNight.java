package io.dropnight.simulations.plan;

import io.dropnight.runfolder.RunVerdict;

import io.dropnight.runfolder.SloResult;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.DoublePredicate;
import java.util.function.DoubleUnaryOperator;

/**
 * A night for testing the search without running one: its SLOs pass on one side of a known
 * threshold; values can be given scripted verdicts (noise near the threshold) or be inconclusive.
 * Each probe advances a fake clock by one minute. Not thread-safe.
 */
final class FakeNight implements PlanSearch.Probe {
    static final Duration PROBE_TIME = Duration.ofMinutes(1);

    private final double threshold;
    private final boolean passesAbove;
    private final Map<Double, Deque<RunVerdict>> scripted = new HashMap<>();
    private DoublePredicate inconclusive = v -> false;
    private DoubleUnaryOperator load;
    private boolean figures = true;
    final List<Double> tried = new ArrayList<>();
    long nanos;

    private FakeNight(double threshold, boolean passesAbove) {
        this.threshold = threshold;
        this.passesAbove = passesAbove;
        this.load = passesAbove ? v -> threshold / v : v -> v / threshold;
    }

    /** Passes with at least {@code slots} slots. */
    static FakeNight capacity(double slots) {
        return new FakeNight(slots, true);
    }

    /** Passes with an audience of at most {@code multiplier}. */
    static FakeNight audience(double multiplier) {
        return new FakeNight(multiplier, false);
    }

    /** The verdicts {@code value} gives on its next probes, in order (then its true one). */
    FakeNight script(double value, RunVerdict... verdicts) {
        scripted.put(value, new ArrayDeque<>(List.of(verdicts)));
        return this;
    }

    /**
     * The deciding SLO's load (actual / bound) at each value, 1 at the threshold; by default
     * threshold / value (value / threshold for an audience).
     */
    FakeNight load(DoubleUnaryOperator load) {
        this.load = load;
        return this;
    }

    /** Probes that report verdicts only, no SLO figures (the search can only bisect). */
    FakeNight withoutFigures() {
        this.figures = false;
        return this;
    }

    /** Values for which the load generator saturates. */
    FakeNight inconclusiveWhere(DoublePredicate p) {
        this.inconclusive = p;
        return this;
    }

    @Override
    public ProbeResult run(double value) {
        tried.add(value);
        nanos += PROBE_TIME.toNanos();
        RunVerdict v;
        Deque<RunVerdict> script = scripted.get(value);
        if (inconclusive.test(value)) {
            v = RunVerdict.INCONCLUSIVE;
        } else if (script != null && !script.isEmpty()) {
            v = script.poll();
        } else {
            v = (passesAbove ? value >= threshold : value <= threshold) ? RunVerdict.PASS : RunVerdict.FAIL;
        }
        // errorPageRate falls as capacity rises: 1 % at the threshold
        double rate = load.applyAsDouble(value);
        boolean passed = v == RunVerdict.PASS;
        List<SloResult> slos = !figures ? List.of() : List.of(
                new SloResult("errorPageRate", "errorPageRate", "<=", 1.0, passed ? Math.min(rate, 1.0) : Math.max(rate, 1.01), "%", passed),
                new SloResult("playbackStartP99", "playbackStartP99", "<=", 800, 100, "ms", true));
        List<String> reasons = v == RunVerdict.INCONCLUSIVE ? List.of("injector out of file descriptors") : List.of();
        return new ProbeResult(value, v, reasons, slos, Optional.empty(), PROBE_TIME);
    }

    int timesTried(double value) {
        return (int) tried.stream().filter(t -> t == value).count();
    }
}
