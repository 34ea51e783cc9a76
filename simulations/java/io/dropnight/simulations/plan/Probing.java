package io.dropnight.simulations.plan;

import io.dropnight.runfolder.RunVerdict;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * A search's probes as they are run ({@link PlanSearch} decides where): each runs only when the
 * budget leaves room for it ({@link ProbeBudget}), is kept with its vote ({@link Votes}), and is
 * reported as one progress line with a fair guess of the probes still to come ({@link ProgressLine}).
 * Not thread-safe: one search, one thread.
 */
final class Probing {
    /** What the search is doing when it runs a probe: it decides the guess of the probes still to come. */
    enum Phase { BRACKET, BISECT, CONFIRM, ESTIMATE }

    private final Axis axis;
    private final double resolution;
    private final PlanSearch.Probe probe;
    private final Consumer<String> progress;
    private final LongSupplier nanoClock;
    private final Optional<Duration> budget;
    private final List<ProbeResult> probes = new ArrayList<>();
    private final Map<Double, ProbeResult> latest = new HashMap<>(); // value -> its latest probe
    private final Votes votes;
    private long startNanos;
    private long longestProbeNanos;

    Probing(Axis axis, double resolution, PlanSearch.Probe probe, Consumer<String> progress, LongSupplier nanoClock,
            Optional<Duration> budget) {
        this.axis = Objects.requireNonNull(axis, "axis");
        this.resolution = resolution;
        this.probe = Objects.requireNonNull(probe, "probe");
        this.progress = Objects.requireNonNull(progress, "progress");
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
        this.budget = Objects.requireNonNull(budget, "budget");
        this.votes = new Votes(axis);
    }

    /** The search starts now: its elapsed time counts from here. */
    void start() {
        startNanos = nanoClock.getAsLong();
    }

    /**
     * Runs one probe at {@code value}, records its vote and reports it; empty, without running it,
     * when the budget leaves no room for it.
     *
     * @param pass       the closest value that passed so far (null: none)
     * @param fail       the closest value that failed so far (null: none)
     * @param safeAnswer whether the search has a safe answer to stop at (the budget binds only then)
     */
    Optional<ProbeResult> run(double value, Phase phase, Double pass, Double fail, BooleanSupplier safeAnswer) {
        if (!ProbeBudget.roomForAnotherProbe(budget, elapsed(), longest(), safeAnswer.getAsBoolean())) {
            return Optional.empty();
        }
        long before = nanoClock.getAsLong();
        ProbeResult r = Objects.requireNonNull(probe.run(value), "probe result");
        longestProbeNanos = Math.max(longestProbeNanos, nanoClock.getAsLong() - before);
        probes.add(r);
        latest.put(value, r);
        votes.add(value, r.verdict());
        int left = probesLeft(phase, value, r.verdict(), pass, fail);
        // while bracketing, how far away the threshold is is unknown: the count is a floor
        boolean atLeast = phase == Phase.ESTIMATE
                || phase == Phase.BRACKET && left > 0 && (r.verdict() == RunVerdict.PASS ? fail == null : pass == null);
        Optional<Duration> budgetLeft = safeAnswer.getAsBoolean() ? budget.map(b -> b.minus(elapsed())) : Optional.empty();
        progress.accept(new ProgressLine(probes.size(), axis, value, r.verdict(), r.decidedBy(), elapsed(), left, atLeast,
                budgetLeft, budget).text());
        return Optional.of(r);
    }

    /** Every probe run, in order. */
    List<ProbeResult> probes() {
        return probes;
    }

    Votes votes() {
        return votes;
    }

    /** The guess between the latest probes at {@code pass} and {@code fail} ({@link ThresholdGuess#guess}); null where the figures give none. */
    ThresholdGuess.Guess guess(double pass, double fail) {
        return ThresholdGuess.guess(latest.get(pass), latest.get(fail), axis, resolution);
    }

    Duration elapsed() {
        return Duration.ofNanos(nanoClock.getAsLong() - startNanos);
    }

    /** The longest probe so far: what the next one is taken to last. */
    Duration longest() {
        return Duration.ofNanos(longestProbeNanos);
    }

    /** A fair guess of the probes still to come, for the progress line. */
    private int probesLeft(Phase phase, double value, RunVerdict verdict, Double pass, Double fail) {
        if (verdict == RunVerdict.INCONCLUSIVE) {
            return 0;
        }
        Double p = verdict == RunVerdict.PASS ? Double.valueOf(value) : pass;
        Double f = verdict == RunVerdict.FAIL ? Double.valueOf(value) : fail;
        return switch (phase) {
            case BRACKET -> p != null && f != null ? narrowing(p, f) + 1
                    : 1 + bisections(value, verdict == RunVerdict.PASS ? axis.towardFail(value) : axis.towardPass(value)) + 1;
            case BISECT -> narrowing(p, f) + 1;
            case CONFIRM -> votes.majority(value) == null ? 1 : 0;
            case ESTIMATE -> 1; // until the estimate settles, which no count foretells
        };
    }

    /** Narrowing probes still to come: bisection's count, or at most two where the figures give a guess. */
    private int narrowing(double pass, double fail) {
        int bisections = bisections(pass, fail);
        return bisections > 0 && guess(pass, fail) != null ? Math.min(bisections, 2) : bisections;
    }

    private int bisections(double a, double b) {
        double width = Math.abs(a - b);
        double target = Math.max(resolution * Math.max(a, b), axis.whole() ? 1 : 0);
        return width <= target ? 0 : (int) Math.ceil(Math.log(width / target) / Math.log(2));
    }
}
